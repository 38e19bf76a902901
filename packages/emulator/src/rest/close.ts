// Close operations: one connection, all, a group's, a user's (each with `excluded` and `reason`).
import { select } from '../routing';
import type { ClientConnection } from '../state/connection';
import type { RestContext } from './rest-context';

function closeEach(c: RestContext, targets: Iterable<ClientConnection> | undefined): void {
  const reason = c.query('reason') ?? '';
  // Copy first: closing removes connections from the very indexes being read.
  for (const conn of select(targets, { excluded: c.excluded() })) {
    c.emulator.lifecycle.closeByService(conn, reason);
  }
  c.send(204);
}

export function closeConnection(c: RestContext): void {
  const conn = c.existingHub()?.connections.get(c.param('connectionId'));
  closeEach(c, conn ? [conn] : undefined);
}

export function closeAllConnections(c: RestContext): void {
  closeEach(c, c.existingHub()?.connections.values());
}

export function closeGroupConnections(c: RestContext): void {
  closeEach(c, c.existingHub()?.group(c.group()));
}

export function closeUserConnections(c: RestContext): void {
  closeEach(c, c.existingHub()?.user(c.param('userId')));
}

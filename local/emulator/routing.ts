// Fan-out: one prepared message to many connections. A recipient that cannot take it (reliable
// buffer full, socket not reading) is closed after the loop, never while iterating an index.
import type { EmulatorContext } from './context';
import type { FilterPredicate } from './filter';
import type { ClientConnection } from './state/connection';
import type { PreparedMessage } from './ws/outbound';

export interface RouteOptions {
  excluded?: ReadonlySet<string>;
  filter?: FilterPredicate;
  /** A connection that must not get its own message (`noEcho`). */
  skip?: ClientConnection;
}

export function deliverTo(
  ctx: EmulatorContext,
  targets: Iterable<ClientConnection> | undefined,
  msg: PreparedMessage,
  options: RouteOptions = {},
): void {
  if (!targets) return;
  const { excluded, filter, skip } = options;
  let failed: ClientConnection[] | undefined;
  for (const conn of targets) {
    if (conn === skip || excluded?.has(conn.id) || (filter && !filter(conn))) continue;
    if (!conn.deliver(msg)) (failed ??= []).push(conn);
  }
  for (const conn of failed ?? []) {
    ctx.lifecycle.closeByService(conn, 'The connection cannot keep up with its messages.', 1008);
  }
}

/** Connections selected by an optional filter (for membership and close operations). */
export function select(
  targets: Iterable<ClientConnection> | undefined,
  options: RouteOptions = {},
): ClientConnection[] {
  const out: ClientConnection[] = [];
  if (!targets) return out;
  for (const conn of targets) {
    if (options.excluded?.has(conn.id) || (options.filter && !options.filter(conn))) continue;
    out.push(conn);
  }
  return out;
}

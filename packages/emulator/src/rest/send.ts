// Send operations: to everyone, a group, a user, a connection. The 202 goes out before the
// fan-out, so the caller never waits for delivery.
import { PreparedMessage } from '../ws/outbound';
import { readMessage } from './message-body';
import type { RestContext } from './rest-context';

export async function sendToAll(c: RestContext): Promise<void> {
  const excluded = c.excluded();
  const filter = c.filter();
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'server' });
  c.send(202);
  c.emulator.fanout.deliver(c.existingHub()?.connections.values(), msg, { excluded, filter });
}

export async function sendToGroup(c: RestContext): Promise<void> {
  const group = c.group();
  const excluded = c.excluded();
  const filter = c.filter();
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'group', group });
  c.send(202);
  c.emulator.fanout.deliver(c.existingHub()?.group(group), msg, { excluded, filter });
}

export async function sendToUser(c: RestContext): Promise<void> {
  const filter = c.filter();
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'server' });
  c.send(202);
  c.emulator.fanout.deliver(c.existingHub()?.user(c.param('userId')), msg, { filter });
}

export async function sendToConnection(c: RestContext): Promise<void> {
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'server' });
  c.send(202);
  const conn = c.existingHub()?.connections.get(c.param('connectionId'));
  c.emulator.fanout.deliver(conn ? [conn] : undefined, msg);
}

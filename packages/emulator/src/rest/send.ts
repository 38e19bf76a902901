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
  const to = { hub: c.param('hub'), to: 'all' } as const;
  c.emulator.fanout.deliver(c.existingHub()?.connections.values(), msg, { excluded, filter, to });
}

export async function sendToGroup(c: RestContext): Promise<void> {
  const group = c.group();
  const excluded = c.excluded();
  const filter = c.filter();
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'group', group });
  c.send(202);
  const to = { hub: c.param('hub'), to: 'group', name: group } as const;
  c.emulator.fanout.deliver(c.existingHub()?.group(group), msg, { excluded, filter, to });
}

export async function sendToUser(c: RestContext): Promise<void> {
  const filter = c.filter();
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'server' });
  c.send(202);
  const userId = c.param('userId');
  const to = { hub: c.param('hub'), to: 'user', name: userId } as const;
  c.emulator.fanout.deliver(c.existingHub()?.user(userId), msg, { filter, to });
}

export async function sendToConnection(c: RestContext): Promise<void> {
  c.validateTtl();
  const msg = new PreparedMessage(await readMessage(c), { from: 'server' });
  c.send(202);
  const id = c.param('connectionId');
  const conn = c.existingHub()?.connections.get(id);
  const to = { hub: c.param('hub'), to: 'connection', name: id } as const;
  c.emulator.fanout.deliver(conn ? [conn] : undefined, msg, { to });
}

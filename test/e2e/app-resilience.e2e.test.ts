// The chat under the emulator's faults (the test kit's `faults`, the inspector's API): a member whose
// link is cut recovers and misses nothing, and a failing handler is an error for the sender only.
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import { chatUser } from './chat-user';

const { host, stack } = useStack();
afterEach(async () => {
  await stack().faults.clear();
  await stopAllClients();
});

const user = (id: string) => chatUser(host().url, { id, name: id.toUpperCase() });

describe('the chat under faults', () => {
  it('a member whose link is cut recovers the same connection and misses no message', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    for (const u of [a, b]) {
      await u.send('join', { room });
      await u.waitFor('joined', (p) => p.room === room, 'joined');
    }
    const connections = b.rc.connected.length;
    const id = b.rc.connected.at(-1)!.connectionId;
    expect(await stack().faults.dropConnection({ connectionId: id })).toEqual([id]);
    for (const id of ['m1', 'm2', 'm3']) await a.send('message', { id, to: { room }, text: id });
    for (const id of ['m1', 'm2', 'm3']) {
      await b.waitFor('message', (p) => p.id === id, `message ${id}`);
    }
    // Recovered (no new `connected`), and each message arrived once.
    expect(b.rc.connected.length).toBe(connections);
    expect(b.all('message', (p) => 'room' in p && p.room === room).map((p) => p.id)).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
  });

  it('a failing message handler is an error for the sender; the room works once it is back', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    for (const u of [a, b]) {
      await u.send('join', { room });
      await u.waitFor('joined', (p) => p.room === room, 'joined');
    }
    await stack().faults.upstream({ event: 'message', status: 500 });
    await expect(a.send('message', { id: 'lost', to: { room }, text: 'lost' })).rejects.toThrow();
    await stack().faults.clear();
    await a.send('message', { id: 'back', to: { room }, text: 'back' });
    await b.waitFor('message', (p) => p.id === 'back', 'the message after the fault');
    expect(b.all('message', (p) => p.id === 'lost')).toEqual([]);
  });
});

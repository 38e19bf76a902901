// The chat through the whole local stack, with the official client SDK as users: rooms, presence,
// direct messages, broadcast rights, history resume, idempotent sends, invalid envelopes.
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { isRoomMessage } from '../../chat-contract/guards';
import { MAX_ENVELOPE_BYTES } from '../../chat-contract/limits';
import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { TypedChatUser } from './chat-user';
import { chatUser } from './chat-user';

const { host } = useStack();
afterEach(stopAllClients);

const user = (id: string, roles: string[] = []) =>
  chatUser(host().url, { id, name: id.toUpperCase(), roles });

async function join(u: TypedChatUser, room: string, since?: number) {
  await u.send('join', since === undefined ? { room } : { room, since });
  return u.waitFor('joined', (p) => p.room === room, `joined ${room}`);
}

describe('rooms', () => {
  it('delivers room messages to every member with a sequence number, and acks the sender', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    await join(a, room);
    await join(b, room);
    await b.send('message', { id: 'm1', to: { room }, text: 'hello' });
    const ack = await b.waitFor('ack', (p) => p.id === 'm1', 'the ack');
    expect(ack).toMatchObject({ room, seq: 1, duplicate: false });
    for (const u of [a, b]) {
      const m = await u.waitFor('message', (p) => p.id === 'm1', 'the room message');
      expect(m).toMatchObject({ room, seq: 1, body: 'hello', from: { name: expect.any(String) } });
    }
  });

  it('announces members once per user however many tabs, and occupancy edges in the join reply', async () => {
    const room = uniqueName('r');
    const watcher = await user(uniqueName('w'));
    await join(watcher, room);
    const id = uniqueName('tabs');
    const [tab1, tab2] = [await user(id), await user(id)];
    await join(tab1, room);
    const joined = await join(tab2, room);
    expect(joined.members.find((m) => m.userId === id)).toMatchObject({ connections: 2 });
    await watcher.waitFor('member_added', (p) => p.user.userId === id, 'member_added');
    await tab1.send('leave', { room });
    await tab1.waitFor('left', () => true, 'left');
    await tab2.send('leave', { room });
    await watcher.waitFor('member_removed', (p) => p.user.userId === id, 'member_removed');
    const added = watcher.all('member_added', (p) => p.user.userId === id);
    const removed = watcher.all('member_removed', (p) => p.user.userId === id);
    expect([added.length, removed.length]).toEqual([1, 1]);
  });

  it('sends direct messages to the recipient and the sender’s other tabs', async () => {
    const [aId, bId] = [uniqueName('a'), uniqueName('b')];
    const [a1, a2, b] = [await user(aId), await user(aId), await user(bId)];
    await a1.send('message', { id: 'dm1', to: { user: bId }, text: 'psst' });
    await b.waitFor('message', (p) => p.id === 'dm1', 'the DM at the recipient');
    await a2.waitFor('message', (p) => p.id === 'dm1', 'the DM at the sender’s other tab');
    await a1.waitFor('ack', (p) => p.id === 'dm1', 'the ack');
    expect(a1.all('message', (p) => p.id === 'dm1')).toEqual([]);
  });

  it('lets an admin broadcast to everyone and refuses a non-admin, sending nothing', async () => {
    const [admin, plain, other] = [
      await user(uniqueName('root'), ['admin']),
      await user(uniqueName('p')),
      await user(uniqueName('o')),
    ];
    await plain.send('message', { id: 'no', to: { all: true }, text: 'everyone!' });
    expect(await plain.waitFor('error', (p) => p.id === 'no', 'the refusal')).toMatchObject({
      code: 'Forbidden',
    });
    await admin.send('message', { id: 'yes', to: { all: true }, text: 'announcement' });
    await other.waitFor('message', (p) => p.id === 'yes', 'the broadcast');
    await plain.waitFor('message', (p) => p.id === 'yes', 'the broadcast');
    expect(other.all('message', (p) => p.id === 'no')).toEqual([]);
  });

  it('rejects invalid envelopes with a clear error and delivers nothing', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    await join(a, room);
    await join(b, room);
    await a.send('message', { id: 'empty-1', to: { room }, text: '' });
    await a.send('message', { id: 'not an id', to: { room: 'not a room' }, text: 'x' });
    await a.send('join', { room: 'room.sneaky' });
    await a.send('message', { id: 'big-1', to: { room }, data: 'x'.repeat(MAX_ENVELOPE_BYTES) });
    const errors = await a.rc.until(() => {
      const e = a.all('error');
      return e.length === 4 && e;
    }, 'four errors');
    // A refusal carries the sender's id when it is a valid one, so a client can tie it to what it
    // sent (PROTOCOL.md §2); an id the contract would refuse is never echoed.
    expect(errors.map((e) => [e.code, e.id])).toEqual([
      ['InvalidEnvelope', 'empty-1'],
      ['InvalidEnvelope', undefined],
      ['InvalidEnvelope', undefined],
      ['TooLarge', 'big-1'],
    ]);
    await a.send('message', { id: 'ok', to: { room }, text: 'valid' });
    await b.waitFor('message', (p) => p.id === 'ok', 'the valid message');
    expect(b.all('message')).toHaveLength(1);
  });
});

describe('history', () => {
  it('stores a resent message id once and acknowledges and delivers it again with the same seq', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    await join(a, room);
    await join(b, room);
    await a.send('message', { id: 'same', to: { room }, text: 'once' });
    await a.waitFor('ack', (p) => p.id === 'same', 'the first ack');
    await a.send('message', { id: 'same', to: { room }, text: 'once' });
    const acks = await a.rc.until(() => {
      const list = a.all('ack', (p) => p.id === 'same');
      return list.length === 2 && list;
    }, 'two acks');
    expect(acks.map((x) => [x.seq, x.duplicate])).toEqual([
      [1, false],
      [1, true],
    ]);
    await a.send('message', { id: 'after', to: { room }, text: 'next' });
    await b.waitFor('message', (p) => p.id === 'after', 'the next message');
    // The resend is delivered again, the same message with the same seq, which a member drops as a
    // duplicate (PROTOCOL.md §4): stored once, shown once.
    expect(
      b
        .all('message')
        .filter(isRoomMessage)
        .map((m) => [m.seq, m.id]),
    ).toEqual([
      [1, 'same'],
      [1, 'same'],
      [2, 'after'],
    ]);
  });

  it('gives a client that comes back everything after the last seq it saw, no gaps, no duplicates', async () => {
    const room = uniqueName('r');
    const a = await user(uniqueName('a'));
    const leaverId = uniqueName('c');
    const leaver = await user(leaverId);
    await join(a, room);
    await join(leaver, room);
    for (const n of [1, 2, 3])
      await a.send('message', { id: `m${n}`, to: { room }, text: `t${n}` });
    await leaver.waitFor('message', (p) => p.id === 'm3', 'm3');
    const lastSeen = Math.max(
      ...leaver
        .all('message')
        .filter(isRoomMessage)
        .map((m) => m.seq),
    );
    await leaver.rc.stop();
    for (const n of [4, 5]) await a.send('message', { id: `m${n}`, to: { room }, text: `t${n}` });
    await a.waitFor('ack', (p) => p.id === 'm5', 'the last ack');
    const back = await user(leaverId);
    const joined = await join(back, room, lastSeen);
    expect(joined.messages.map((m) => [m.seq, m.id])).toEqual([
      [4, 'm4'],
      [5, 'm5'],
    ]);
    await back.send('history', { room, since: 0 });
    const all = await back.waitFor('history', () => true, 'the history');
    expect(all.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });
});

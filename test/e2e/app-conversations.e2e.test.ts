// The chat's conversation features through the whole local stack (emulator, offline host, Azurite)
// with the official client SDK as users: edits, deletes and reactions live and in history, DMs
// resumed after a reload, older history, read state across devices, the rooms list, typing frames
// carried by the service alone, and `invokeEvent` for the replies a client waits for.
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { TypedChatUser } from './chat-user';
import { chatUser } from './chat-user';

const { host } = useStack();
afterEach(stopAllClients);

const user = (id: string, roles: string[] = []) =>
  chatUser(host().url, { id, name: id.toUpperCase(), roles });
/** A user whose refused sends fail at once (the SDK would retry each for 3 s). */
const noRetry = (id: string) =>
  chatUser(
    host().url,
    { id, name: id.toUpperCase() },
    { client: { messageRetryOptions: { maxRetries: 0 } } },
  );
const join = (u: TypedChatUser, room: string) => u.invoke('join', { room }, 'joined');

describe('edits, deletes and reactions', () => {
  it('delivers each change live to the room and reflects it in history; a replay is stored once', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    await join(a, room);
    await join(b, room);
    await a.send('message', { id: 'm1', to: { room }, text: 'helo' });
    await b.waitFor('message', (p) => p.id === 'm1', 'the message');
    await a.send('edit', { id: 'e1', room, target: 1, text: 'hello' });
    await b.send('react', { id: 'r1', room, target: 1, reaction: 'like', on: true });
    for (const u of [a, b]) {
      await u.waitFor('change', (p) => p.id === 'e1' && p.kind === 'edit', 'the edit');
      await u.waitFor('change', (p) => p.id === 'r1' && p.seq === 3, 'the reaction');
    }
    expect(await a.waitFor('ack', (p) => p.id === 'e1', 'edit ack')).toMatchObject({ seq: 2 });
    // The same edit again (a resend): acknowledged with its first seq, stored and delivered once.
    await a.send('edit', { id: 'e1', room, target: 1, text: 'hello' });
    expect(
      await a.waitFor('ack', (p) => p.id === 'e1' && p.duplicate === true, 'replay ack'),
    ).toMatchObject({ seq: 2 });
    const page = await b.invoke('history', { room }, 'history');
    expect(page.messages).toEqual([
      expect.objectContaining({
        seq: 1,
        body: 'hello',
        version: 3,
        reactions: { like: [expect.any(String)] },
      }),
    ]);
    expect(page.changes.map((c) => [c.seq, c.kind])).toEqual([
      [2, 'edit'],
      [3, 'reaction'],
    ]);
    await a.send('delete', { id: 'd1', room, target: 1 });
    await b.waitFor('change', (p) => p.kind === 'delete' && p.seq === 4, 'the delete');
    const after = await b.invoke('history', { room, since: 3 }, 'history');
    expect(after).toMatchObject({
      messages: [],
      changes: [{ seq: 4, kind: 'delete', target: 1 }],
      latestSeq: 4,
    });
    expect(a.all('change', (p) => p.id === 'e1')).toHaveLength(1);
  });

  it('refuses what is not allowed with an error reply and stores nothing', async () => {
    const room = uniqueName('r');
    const [a, b, eve] = [
      await user(uniqueName('a')),
      await user(uniqueName('b')),
      await user(uniqueName('e')),
    ];
    await join(a, room);
    await join(b, room);
    await a.send('message', { id: 'm1', to: { room }, text: 'mine' });
    await a.waitFor('ack', (p) => p.id === 'm1', 'ack');
    // Not the author; not a member; no such message; a reaction outside the set.
    expect(
      await b.invoke('edit', { id: 'x1', room, target: 1, text: 'hijack' }, 'error'),
    ).toMatchObject({ code: 'Forbidden', id: 'x1' });
    expect(await b.invoke('delete', { room, target: 1 }, 'error')).toMatchObject({
      code: 'Forbidden',
    });
    expect(
      await eve.invoke('react', { room, target: 1, reaction: 'like', on: true }, 'error'),
    ).toMatchObject({ code: 'Forbidden' });
    expect(await a.invoke('edit', { room, target: 9, text: 'x' }, 'error')).toMatchObject({
      code: 'NoSuchMessage',
    });
    const bad = await a.rc.client.invokeEvent(
      'react',
      { room, target: 1, reaction: 'poop', on: true },
      'json',
    );
    expect(bad.data).toMatchObject({ type: 'error', code: 'InvalidEnvelope' });
    expect((await a.invoke('history', { room }, 'history')).latestSeq).toBe(1);
    expect(b.all('change')).toEqual([]);
  });
});

describe('direct messages', () => {
  it('keeps a DM across a reload: history, read position and "read by" on a new connection', async () => {
    const [aId, bId] = [uniqueName('a'), uniqueName('b')];
    const a = await user(aId);
    let b = await user(bId);
    for (const i of [1, 2, 3])
      await a.send('message', { id: `d${i}`, to: { user: bId }, text: `hi ${i}` });
    expect(await b.waitFor('message', (p) => p.id === 'd3', 'the live DM')).toMatchObject({
      seq: 3,
      to: { user: bId },
    });
    await b.rc.stop();
    b = await user(bId); // a reload: a new connection, nothing in memory
    const opened = await b.invoke('join', { user: aId }, 'dm_joined');
    expect(opened).toMatchObject({
      user: aId,
      latestSeq: 3,
      readSeq: 0,
      otherReadSeq: 0,
      hasOlder: false,
    });
    expect(opened.messages.map((m) => [m.seq, m.body, m.from.userId])).toEqual([
      [1, 'hi 1', aId],
      [2, 'hi 2', aId],
      [3, 'hi 3', aId],
    ]);
    const rooms = await b.invoke('rooms', {}, 'rooms');
    expect(rooms).toMatchObject({
      userId: bId,
      dms: [{ user: aId, name: aId.toUpperCase(), latestSeq: 3, readSeq: 0, unread: 3 }],
    });
    expect(await b.invoke('read', { user: aId, seq: 3 }, 'read')).toEqual({
      type: 'read',
      user: aId,
      userId: bId,
      seq: 3,
    });
    // The other member sees it live ("read by"), and from a new device too.
    expect(await a.waitFor('read', (p) => p.userId === bId, 'read by')).toMatchObject({
      user: bId,
      seq: 3,
    });
    const a2 = await user(aId);
    expect(await a2.invoke('join', { user: bId }, 'dm_joined')).toMatchObject({
      otherReadSeq: 3,
      readSeq: 0,
    });
    expect((await b.invoke('rooms', {}, 'rooms')).dms[0]).toMatchObject({ unread: 0, readSeq: 3 });
    // Only the pair reads it: a third user naming either member gets their own, empty, DM.
    const eve = await user(uniqueName('e'));
    expect(await eve.invoke('history', { user: aId }, 'dm_history')).toMatchObject({
      messages: [],
      latestSeq: 0,
    });
  });

  it('syncs a read position to the reader’s other devices', async () => {
    const room = uniqueName('r');
    const id = uniqueName('u');
    const [tab1, tab2] = [await user(id), await user(id)];
    await join(tab1, room);
    await join(tab2, room);
    await tab1.send('message', { id: 'm1', to: { room }, text: 'x' });
    await tab1.invoke('read', { room, seq: 1 }, 'read');
    expect(
      await tab2.waitFor('read', (p) => 'room' in p && p.room === room, 'read on tab 2'),
    ).toMatchObject({ seq: 1, userId: id });
  });
});

describe('older history', () => {
  it('pages backwards past the last 50 with no gap and no overlap', async () => {
    const room = uniqueName('r');
    const [a, b] = [await user(uniqueName('a')), await user(uniqueName('b'))];
    await join(a, room);
    await join(b, room);
    // Two senders keep each connection within its rate (20/s, bursts of 40).
    for (let i = 1; i <= 56; i += 1) {
      await (i % 2 ? a : b).send('message', { id: `m${i}`, to: { room }, text: `${i}` });
    }
    await a.waitFor('message', (p) => p.id === 'm56', 'the last message');
    const c = await user(uniqueName('c'));
    const first = await join(c, room);
    expect(first).toMatchObject({ latestSeq: 56, hasOlder: true, hasMore: false });
    const older = await c.invoke('history', { room, before: first.messages[0]!.seq }, 'history');
    expect(older).toMatchObject({ hasOlder: false });
    const seqs = [...older.messages, ...first.messages].map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
  });
});

describe('typing indicators and the rooms list', () => {
  it('carries typing frames member to member through the service, and nothing else', async () => {
    const room = uniqueName('r');
    const aId = uniqueName('a');
    const [a, b, eve] = [
      await noRetry(aId),
      await user(uniqueName('b')),
      await noRetry(uniqueName('e')),
    ];
    const joined = await join(a, room);
    await join(b, room);
    expect(joined.typingGroup).toBe(`typing.${room}`);
    const group = joined.typingGroup;
    await a.rc.client.sendToGroup(group, { type: 'typing' }, 'json', { noEcho: true });
    const frame = await b.rc.until(() => b.typing()[0], 'a typing frame');
    // Who is typing is the service's word (fromUserId), not anything in the frame.
    expect(frame).toEqual({ group, userId: aId, frame: { type: 'typing' } });
    // A fake chat message through the typing group is neither a typing frame nor a chat payload.
    const fake = {
      type: 'message',
      room,
      seq: 1,
      id: 'x',
      from: { userId: 'admin', name: 'A' },
      body: 'fake',
      ts: '',
    };
    await a.rc.client.sendToGroup(group, fake, 'json', { noEcho: true });
    await a.rc.client.sendToGroup(group, { type: 'typing', stop: true }, 'json', { noEcho: true });
    await b.rc.until(() => b.typing().find((t) => t.frame.stop), 'the stop frame');
    expect(b.typing()).toHaveLength(2);
    expect(b.all('message')).toEqual([]);
    expect(a.typing()).toEqual([]); // noEcho
    // Members may send typing frames only: the room group itself is the server's.
    await expect(a.rc.client.sendToGroup(`room.${room}`, fake, 'json')).rejects.toThrow();
    // Not a member: no typing group either; and after leaving, the grant is gone.
    await expect(eve.rc.client.sendToGroup(group, { type: 'typing' }, 'json')).rejects.toThrow();
    await a.invoke('leave', { room }, 'left');
    await expect(a.rc.client.sendToGroup(group, { type: 'typing' }, 'json')).rejects.toThrow();
    // Nothing was stored.
    expect((await b.invoke('history', { room }, 'history')).latestSeq).toBe(0);
  });

  it('lists the rooms a user is in and the occupied ones, with the user’s own id', async () => {
    const [room, other] = [uniqueName('r'), uniqueName('r')];
    const id = uniqueName('a');
    const [a, b] = [await user(id), await user(uniqueName('b'))];
    await join(a, room);
    await join(b, other);
    await b.send('message', { id: 'm1', to: { room: other }, text: 'x' });
    const list = await a.invoke('rooms', {}, 'rooms');
    expect(list).toMatchObject({ userId: id, name: id.toUpperCase() });
    expect(list.rooms.find((r) => r.room === room)).toEqual({
      room,
      members: 1,
      joined: true,
      member: true,
      latestSeq: 0,
      readSeq: 0,
      unread: 0,
    });
    expect(list.rooms.find((r) => r.room === other)).toEqual({
      room: other,
      members: 1,
      joined: false,
      member: false,
    });
  });
});

// The conversation operations on in-memory stores: DMs stored per pair, changes and read positions
// delivered to whom they concern, the rooms list, and every refusal sending nothing.
import { describe, expect, it } from 'vitest';

import { dmKey } from '../../../chat/conversations';
import { MemoryHistoryStore } from '../../../chat/history/memory-history-store';
import { MemoryPresenceStore } from '../../../chat/presence/memory-presence-store';
import { RateLimiter } from '../../../chat/rate-limit';
import { MemoryReadStateStore } from '../../../chat/reads/memory-read-state-store';
import type { Caller } from '../../../chat/service';
import { ChatService } from '../../../chat/service';

function setup(rate = { ratePerSecond: 100, burst: 100 }) {
  const history = new MemoryHistoryStore();
  const chat = new ChatService({
    history,
    reads: new MemoryReadStateStore(),
    presence: new MemoryPresenceStore(),
    limiter: new RateLimiter(rate, () => 0),
    nameOf: (userId) => Promise.resolve(userId.toUpperCase()),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { chat, history };
}
const caller = (userId: string, connectionId = `${userId}-c1`, admin = false): Caller => ({
  userId,
  connectionId,
  name: userId.toUpperCase(),
  admin,
});
const ada = caller('ada');
const bob = caller('bob');
const eve = caller('eve');

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('direct messages', () => {
  it('stores a DM with the pair’s seq, delivers it to the recipient and the sender’s other tabs', async () => {
    const { chat, history } = setup();
    const { reply, effects } = await chat.message(ada, {
      id: 'd1',
      to: { user: 'bob' },
      text: 'hi',
    });
    expect(reply).toEqual({ type: 'ack', id: 'd1', user: 'bob', seq: 1, duplicate: false });
    const payload = {
      type: 'message',
      id: 'd1',
      seq: 1,
      from: { userId: 'ada', name: 'ADA' },
      to: { user: 'bob' },
      body: 'hi',
      ts: '2026-01-01T00:00:00.000Z',
    };
    expect(effects.deliveries).toEqual([
      { to: { group: 'user.bob' }, payload },
      { to: { group: 'user.ada' }, payload, excluded: ['ada-c1'] },
    ]);
    await chat.message(bob, { id: 'd2', to: { user: 'ada' }, text: 'hello' });
    expect((await history.latest(dmKey('ada', 'bob'), 10)).latestSeq).toBe(2);
    const again = await chat.message(ada, { id: 'd1', to: { user: 'bob' }, text: 'hi' });
    expect(again.reply).toMatchObject({ seq: 1, duplicate: true });
    // Delivered again with the same seq (the first delivery may never have left); clients drop it.
    expect(again.effects.deliveries).toEqual(effects.deliveries);
  });

  it('resumes a DM from either side with join or history, seen from the asker', async () => {
    const { chat } = setup();
    for (let i = 1; i <= 60; i += 1) {
      await chat.message(i % 2 ? ada : bob, {
        id: `d${i}`,
        to: { user: i % 2 ? 'bob' : 'ada' },
        text: `${i}`,
      });
    }
    const { reply, effects } = await chat.join(bob, { user: 'ada' });
    expect(reply).toMatchObject({
      type: 'dm_joined',
      user: 'ada',
      latestSeq: 60,
      hasOlder: true,
      hasMore: false,
      readSeq: 0,
      otherReadSeq: 0,
    });
    if (reply.type !== 'dm_joined') throw new Error('not a DM');
    expect(reply.messages).toHaveLength(50);
    expect(reply.messages[0]).toMatchObject({
      seq: 11,
      from: { userId: 'ada' },
      to: { user: 'bob' },
    });
    expect(effects.groups).toEqual([
      { kind: 'add', connectionId: 'bob-c1', group: reply.typingGroup },
    ]);
    expect(effects.permissions).toEqual([
      { kind: 'grant', connectionId: 'bob-c1', group: reply.typingGroup },
    ]);
    const older = await chat.history(ada, { user: 'bob', before: 11 });
    expect(older).toMatchObject({
      type: 'dm_history',
      user: 'bob',
      hasOlder: false,
      hasMore: true,
    });
    expect(older.messages.map((m: { seq: number }) => m.seq)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    // A third user's view of "the DM with ada" is their own conversation, empty.
    expect((await chat.history(eve, { user: 'ada' })).latestSeq).toBe(0);
  });
});

describe('edits, deletes and reactions', () => {
  async function room() {
    const s = setup();
    for (const u of [ada, bob]) await s.chat.join(u, { room: 'lobby' });
    await s.chat.message(ada, { id: 'm1', to: { room: 'lobby' }, text: 'helo' });
    return s;
  }

  it('acks an edit with its seq and delivers the change to the room; a replay is a duplicate', async () => {
    const { chat } = await room();
    const { reply, effects } = await chat.changes.edit(ada, {
      id: 'e1',
      room: 'lobby',
      target: 1,
      text: 'hello',
    });
    expect(reply).toEqual({ type: 'ack', id: 'e1', room: 'lobby', seq: 2, duplicate: false });
    expect(effects.deliveries).toEqual([
      {
        to: { group: 'room.lobby' },
        payload: {
          type: 'change',
          kind: 'edit',
          room: 'lobby',
          id: 'e1',
          seq: 2,
          target: 1,
          from: { userId: 'ada', name: 'ADA' },
          ts: '2026-01-01T00:00:00.000Z',
          body: 'hello',
        },
      },
    ]);
    const replay = await chat.changes.edit(ada, {
      id: 'e1',
      room: 'lobby',
      target: 1,
      text: 'hello',
    });
    expect(replay).toEqual({
      reply: { ...reply, duplicate: true },
      effects: { ...effects, deliveries: [] },
    });
    const page = await chat.history(bob, { room: 'lobby' });
    expect(page.messages[0]).toMatchObject({ body: 'hello', version: 2 });
    expect(page.changes).toHaveLength(1);
  });

  it('refuses a non-author’s edit, a non-member, a missing target and a deleted one, sending nothing', async () => {
    const { chat } = await room();
    expect(await codeOf(chat.changes.edit(bob, { room: 'lobby', target: 1, text: 'hijack' }))).toBe(
      'Forbidden',
    );
    expect(await codeOf(chat.changes.delete(bob, { room: 'lobby', target: 1 }))).toBe('Forbidden');
    expect(
      await codeOf(
        chat.changes.react(eve, { room: 'lobby', target: 1, reaction: 'like', on: true }),
      ),
    ).toBe('Forbidden');
    expect(await codeOf(chat.changes.edit(ada, { room: 'lobby', target: 7, text: 'x' }))).toBe(
      'NoSuchMessage',
    );
    await chat.changes.delete(ada, { id: 'del', room: 'lobby', target: 1 });
    expect(await codeOf(chat.changes.edit(ada, { room: 'lobby', target: 1, text: 'x' }))).toBe(
      'Gone',
    );
    expect(
      await codeOf(
        chat.changes.react(bob, { room: 'lobby', target: 1, reaction: 'like', on: true }),
      ),
    ).toBe('Gone');
    // An admin deletes anyone's message, member or not.
    await chat.message(bob, { id: 'b1', to: { room: 'lobby' }, text: 'spam' });
    const admin = caller('root', 'root-c1', true);
    expect((await chat.changes.delete(admin, { room: 'lobby', target: 3 })).reply).toMatchObject({
      seq: 4,
    });
  });

  it('keeps reactions one per user: a second add is a duplicate ack with the message version', async () => {
    const { chat } = await room();
    const like = { room: 'lobby', target: 1, reaction: 'like' as const, on: true };
    const first = await chat.changes.react(bob, like);
    expect(first.reply).toMatchObject({ seq: 2, duplicate: false });
    const second = await chat.changes.react(bob, like);
    expect(second.reply).toMatchObject({ seq: 2, duplicate: true });
    expect(second.effects.deliveries).toEqual([]);
  });

  it('delivers a DM change to both members’ connections', async () => {
    const { chat } = setup();
    await chat.message(ada, { id: 'd1', to: { user: 'bob' }, text: 'hi' });
    const { effects } = await chat.changes.react(bob, {
      user: 'ada',
      target: 1,
      reaction: 'love',
      on: true,
    });
    expect(effects.deliveries.map((d) => d.to)).toEqual([
      { group: 'user.bob' },
      { group: 'user.ada' },
    ]);
    expect(effects.deliveries[0]?.payload).toMatchObject({
      type: 'change',
      to: { user: 'ada' },
      from: { userId: 'bob' },
    });
  });
});

describe('read state and the rooms list', () => {
  it('moves a read position forward only, tells the reader’s other tabs and, in a DM, the other member', async () => {
    const { chat } = setup();
    await chat.message(ada, { id: 'd1', to: { user: 'bob' }, text: 'hi' });
    const { reply, effects } = await chat.readState.read(bob, { user: 'ada', seq: 1 });
    expect(reply).toEqual({ type: 'read', user: 'ada', userId: 'bob', seq: 1 });
    expect(effects.deliveries).toEqual([
      { to: { group: 'user.bob' }, payload: reply, excluded: ['bob-c1'] },
      { to: { group: 'user.ada' }, payload: { type: 'read', user: 'bob', userId: 'bob', seq: 1 } },
    ]);
    expect((await chat.readState.read(bob, { user: 'ada', seq: 0 })).reply.seq).toBe(1);
    const joined = await chat.join(ada, { user: 'bob' });
    expect(joined.reply).toMatchObject({ readSeq: 0, otherReadSeq: 1 });
    expect(await codeOf(chat.readState.read(eve, { room: 'lobby', seq: 1 }))).toBe('Forbidden');
  });

  it('lists joined and occupied rooms, DMs with names, and unread messages from others', async () => {
    const { chat } = setup();
    await chat.join(ada, { room: 'lobby' });
    await chat.join(bob, { room: 'lobby' });
    await chat.join(eve, { room: 'games' });
    for (const id of ['a1', 'a2']) await chat.message(ada, { id, to: { room: 'lobby' }, text: id });
    await chat.message(bob, { id: 'b1', to: { room: 'lobby' }, text: 'mine' });
    await chat.changes.react(ada, { room: 'lobby', target: 3, reaction: 'like', on: true });
    await chat.message(ada, { id: 'd1', to: { user: 'bob' }, text: 'psst' });
    await chat.readState.read(bob, { room: 'lobby', seq: 1 });
    const list = await chat.readState.rooms(bob);
    expect(list).toEqual({
      type: 'rooms',
      userId: 'bob',
      name: 'BOB',
      rooms: [
        { room: 'games', members: 1, joined: false, member: false },
        {
          room: 'lobby',
          members: 2,
          joined: true,
          member: true,
          latestSeq: 4,
          readSeq: 1,
          unread: 1,
        },
      ],
      dms: [{ user: 'ada', name: 'ADA', latestSeq: 1, readSeq: 0, unread: 1 }],
      announcements: { latestSeq: 0, readSeq: 0, unread: 0 },
    });
  });

  it('rate limits every new event like the others', async () => {
    const { chat } = setup({ ratePerSecond: 0, burst: 2 });
    await chat.readState.rooms(ada);
    await chat.message(ada, { id: 'd', to: { user: 'bob' }, text: 'x' });
    expect(await codeOf(chat.readState.read(ada, { user: 'bob', seq: 1 }))).toBe('RateLimited');
    expect(
      await codeOf(chat.changes.react(ada, { user: 'bob', target: 1, reaction: 'like', on: true })),
    ).toBe('RateLimited');
    expect(await codeOf(chat.readState.rooms(ada))).toBe('RateLimited');
  });
});

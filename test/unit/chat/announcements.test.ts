// The announcements conversation (`to: { all: true }`, PROTOCOL.md §2): stored with its own seq,
// posted by admins only, delivered to everyone with the seq, resumed and paged by every signed-in
// user, and counted in read state and the rooms list like rooms and DMs.
import { describe, expect, it } from 'vitest';

import { ANNOUNCEMENTS_KEY } from '../../../chat/announcements';
import { MemoryHistoryStore } from '../../../chat/history/memory-history-store';
import { MemoryPresenceStore } from '../../../chat/presence/memory-presence-store';
import { RateLimiter } from '../../../chat/rate-limit';
import { MemoryReadStateStore } from '../../../chat/reads/memory-read-state-store';
import type { Caller } from '../../../chat/service';
import { ChatService } from '../../../chat/service';

function setup() {
  const history = new MemoryHistoryStore();
  const chat = new ChatService({
    history,
    reads: new MemoryReadStateStore(),
    presence: new MemoryPresenceStore(),
    limiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }, () => 0),
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
const root = caller('root', 'root-c1', true);
const ada = caller('ada');
const adaPhone = caller('ada', 'ada-c2');
const ts = '2026-01-01T00:00:00.000Z';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('announcements', () => {
  it('stores an admin’s announcement with the next seq and delivers it to everyone with it', async () => {
    const { chat } = setup();
    const first = await chat.message(root, { id: 'a1', to: { all: true }, text: 'maintenance' });
    expect(first.reply).toEqual({ type: 'ack', id: 'a1', all: true, seq: 1, duplicate: false });
    expect(first.effects.deliveries).toEqual([
      {
        to: { all: true },
        payload: {
          type: 'message',
          id: 'a1',
          seq: 1,
          from: { userId: 'root', name: 'ROOT' },
          to: { all: true },
          body: 'maintenance',
          ts,
        },
      },
    ]);
    const second = await chat.message(root, { id: 'a2', to: { all: true }, text: 'done' });
    expect(second.reply.seq).toBe(2);
  });

  it('acks a resend with its first seq and delivers it again; refuses non-admins, storing nothing', async () => {
    const { chat, history } = setup();
    await chat.message(root, { id: 'a1', to: { all: true }, text: 'once' });
    const again = await chat.message(root, { id: 'a1', to: { all: true }, text: 'once' });
    expect(again.reply).toMatchObject({ seq: 1, duplicate: true });
    expect(again.effects.deliveries).toHaveLength(1);
    expect(await codeOf(chat.message(ada, { id: 'x', to: { all: true }, text: 'me!' }))).toBe(
      'Forbidden',
    );
    expect((await history.latest(ANNOUNCEMENTS_KEY, 10)).latestSeq).toBe(1);
  });

  it('resumes them for any user with join (since) and history (since, before)', async () => {
    const { chat } = setup();
    for (let i = 1; i <= 5; i++)
      await chat.message(root, { id: `a${i}`, to: { all: true }, text: `n${i}` });
    const joined = await chat.join(ada, { all: true });
    expect(joined.effects).toMatchObject({ deliveries: [], groups: [], permissions: [] });
    expect(joined.reply).toMatchObject({
      type: 'announcements_joined',
      latestSeq: 5,
      readSeq: 0,
      hasMore: false,
      hasOlder: false,
      changes: [],
    });
    const messages = 'messages' in joined.reply ? joined.reply.messages : [];
    expect(messages[0]).toEqual({
      id: 'a1',
      seq: 1,
      from: { userId: 'root', name: 'ROOT' },
      to: { all: true },
      body: 'n1',
      ts,
    });
    const since = await chat.join(ada, { all: true, since: 3 });
    expect('messages' in since.reply && since.reply.messages.map((m) => m.seq)).toEqual([4, 5]);
    const older = await chat.history(ada, { all: true, before: 3, limit: 1 });
    expect(older).toMatchObject({ type: 'announcements_history', hasOlder: true });
    expect(older.messages.map((m: { seq: number }) => m.seq)).toEqual([2]);
  });

  it('counts them unread in the rooms list until read, the read told to the reader’s other devices', async () => {
    const { chat } = setup();
    expect((await chat.readState.rooms(ada)).announcements).toEqual({
      latestSeq: 0,
      readSeq: 0,
      unread: 0,
    });
    for (const id of ['a1', 'a2', 'a3'])
      await chat.message(root, { id, to: { all: true }, text: id });
    expect((await chat.readState.rooms(ada)).announcements).toMatchObject({ unread: 3 });
    // The admin's own are not unread to them.
    expect((await chat.readState.rooms(root)).announcements).toMatchObject({ unread: 0 });
    const { reply, effects } = await chat.readState.read(ada, { all: true, seq: 2 });
    expect(reply).toEqual({ type: 'read', all: true, userId: 'ada', seq: 2 });
    expect(effects.deliveries).toEqual([
      { to: { group: 'user.ada' }, payload: reply, excluded: ['ada-c1'] },
    ]);
    expect((await chat.readState.read(adaPhone, { all: true, seq: 1 })).reply.seq).toBe(2);
    const rooms = await chat.readState.rooms(adaPhone);
    expect(rooms.announcements).toEqual({ latestSeq: 3, readSeq: 2, unread: 1 });
    expect(rooms.rooms).toEqual([]);
    expect((await chat.join(adaPhone, { all: true })).reply).toMatchObject({ readSeq: 2 });
  });
});

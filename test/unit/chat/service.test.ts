// The chat rules on in-memory stores: what each operation replies and which effects it asks for.
import { describe, expect, it } from 'vitest';

import { MemoryHistoryStore } from '../../../chat/history/memory-history-store';
import { MemoryPresenceStore } from '../../../chat/presence/memory-presence-store';
import { RateLimiter } from '../../../chat/rate-limit';
import { MemoryReadStateStore } from '../../../chat/reads/memory-read-state-store';
import type { Caller } from '../../../chat/service';
import { ChatService } from '../../../chat/service';

const now = () => new Date('2026-01-01T00:00:00Z');
function setup(rate = { ratePerSecond: 100, burst: 100 }) {
  const presence = new MemoryPresenceStore();
  const chat = new ChatService({
    history: new MemoryHistoryStore(),
    reads: new MemoryReadStateStore(),
    presence,
    limiter: new RateLimiter(rate, () => 0),
    now,
  });
  return { chat, presence };
}
const caller = (userId: string, connectionId = `${userId}-c1`, admin = false): Caller => ({
  userId,
  connectionId,
  name: userId.toUpperCase(),
  admin,
});

describe('ChatService', () => {
  it('joins a room: group add first, member_added and room_occupied, members and history in the reply', async () => {
    const { chat } = setup();
    const ada = caller('ada');
    await chat.connected(ada);
    const { reply, effects } = await chat.join(ada, { room: 'lobby' });
    expect(reply).toMatchObject({
      type: 'joined',
      room: 'lobby',
      members: [{ userId: 'ada', connections: 1 }],
      messages: [],
      latestSeq: 0,
    });
    expect(effects.groups).toEqual([
      { kind: 'add', connectionId: 'ada-c1', group: 'room.lobby' },
      { kind: 'add', connectionId: 'ada-c1', group: 'typing.lobby' },
    ]);
    expect(effects.permissions).toEqual([
      { kind: 'grant', connectionId: 'ada-c1', group: 'typing.lobby' },
    ]);
    expect(effects.deliveries).toEqual([
      {
        to: { group: 'room.lobby' },
        payload: { type: 'member_added', room: 'lobby', user: { userId: 'ada', name: 'ADA' } },
      },
    ]);
    expect(effects.occupancy).toEqual([
      { name: 'room_occupied', room: 'lobby', ts: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('lets a join overtake the non-blocking connected event', async () => {
    const { chat } = setup();
    const { reply } = await chat.join(caller('bob'), { room: 'lobby' });
    expect(reply).toMatchObject({ members: [{ userId: 'bob' }] });
  });

  it('stores room messages with gap-free seqs, delivers once, and acks a resend as duplicate', async () => {
    const { chat } = setup();
    const ada = caller('ada');
    await chat.join(ada, { room: 'lobby' });
    const first = await chat.message(ada, { id: 'x', to: { room: 'lobby' }, text: 'hi' });
    const again = await chat.message(ada, { id: 'x', to: { room: 'lobby' }, text: 'hi' });
    const next = await chat.message(ada, { to: { room: 'lobby' }, data: { n: 1 } });
    expect([first.reply, again.reply]).toEqual([
      { type: 'ack', id: 'x', room: 'lobby', seq: 1, duplicate: false },
      { type: 'ack', id: 'x', room: 'lobby', seq: 1, duplicate: true },
    ]);
    expect(next.reply).toMatchObject({ seq: 2 });
    expect(first.effects.deliveries).toHaveLength(1);
    expect(again.effects.deliveries).toEqual([]);
    expect(await chat.history(ada, { room: 'lobby', since: 1 })).toMatchObject({
      messages: [{ seq: 2, body: { n: 1 } }],
      latestSeq: 2,
    });
  });

  it('sends a direct message to the recipient and the sender’s other connections', async () => {
    const { chat } = setup();
    const { effects } = await chat.message(caller('ada'), {
      id: 'd',
      to: { user: 'bob' },
      text: 'psst',
    });
    expect(effects.deliveries.map((d) => [d.to, d.excluded])).toEqual([
      [{ group: 'user.bob' }, undefined],
      [{ group: 'user.ada' }, ['ada-c1']],
    ]);
  });

  it('lets only admins send to everyone', async () => {
    const { chat } = setup();
    await expect(
      chat.message(caller('ada'), { to: { all: true }, text: 'x' }),
    ).rejects.toMatchObject({ code: 'Forbidden' });
    const { effects } = await chat.message(caller('root', 'r1', true), {
      to: { all: true },
      text: 'x',
    });
    expect(effects.deliveries[0]?.to).toEqual({ all: true });
  });

  it('lets only members (any of their connections) and admins post to a room or read its history', async () => {
    const { chat } = setup();
    const [ada, adaTab2, eve] = [caller('ada'), caller('ada', 'ada-c2'), caller('eve')];
    const admin = caller('root', 'root-c1', true);
    await chat.join(ada, { room: 'lobby' });
    const post = (c: Caller) =>
      chat.message(c, { to: { room: 'lobby' }, text: `from ${c.userId}` });
    // Never joined: refused, nothing stored, the room not created for them.
    await expect(post(eve)).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(chat.history(eve, { room: 'lobby' })).rejects.toMatchObject({ code: 'Forbidden' });
    await expect(chat.history(eve, { room: 'elsewhere' })).rejects.toMatchObject({
      code: 'Forbidden',
    });
    await expect(post(ada)).resolves.toMatchObject({ reply: { seq: 1 } });
    await expect(post(adaTab2)).resolves.toMatchObject({ reply: { seq: 2 } });
    await expect(post(admin)).resolves.toMatchObject({ reply: { seq: 3 } });
    expect((await chat.history(admin, { room: 'lobby' })).latestSeq).toBe(3);
    // Once the user has left with every connection, membership is gone.
    await chat.leave(ada, { room: 'lobby' });
    await expect(post(adaTab2)).rejects.toMatchObject({ code: 'Forbidden' });
    expect((await chat.roomHistory({ room: 'lobby' })).messages.map((m) => m.from.userId)).toEqual([
      'ada',
      'ada',
      'root',
    ]);
  });

  it('rate-limits every user event of a connection, not only messages', async () => {
    const { chat } = setup({ ratePerSecond: 1, burst: 4 });
    const ada = caller('ada');
    await chat.join(ada, { room: 'r1' });
    await chat.history(ada, { room: 'r1', limit: 200 });
    await chat.leave(ada, { room: 'r1' });
    await chat.join(ada, { room: 'r2' });
    for (const event of [
      () => chat.join(ada, { room: 'r3' }),
      () => chat.history(ada, { room: 'r2', limit: 200 }),
      () => chat.leave(ada, { room: 'r2' }),
      () => chat.message(ada, { to: { user: 'bob' }, text: 'x' }),
    ]) {
      await expect(event()).rejects.toMatchObject({ code: 'RateLimited' });
    }
    // Another connection has its own bucket.
    await expect(chat.join(caller('ada', 'a2'), { room: 'r3' })).resolves.toBeDefined();
  });

  it('rate-limits a connection', async () => {
    const { chat } = setup({ ratePerSecond: 1, burst: 2 });
    const ada = caller('ada');
    await chat.message(ada, { to: { user: 'bob' }, text: '1' });
    await chat.message(ada, { to: { user: 'bob' }, text: '2' });
    await expect(chat.message(ada, { to: { user: 'bob' }, text: '3' })).rejects.toMatchObject({
      code: 'RateLimited',
    });
  });

  it('announces a departure and a vacancy on disconnect, once per user', async () => {
    const { chat } = setup();
    const [tab1, tab2] = [caller('ada', 'a1'), caller('ada', 'a2')];
    for (const c of [tab1, tab2]) {
      await chat.connected(c);
      await chat.join(c, { room: 'lobby' });
    }
    expect((await chat.disconnected('a1')).deliveries).toEqual([]);
    const last = await chat.disconnected('a2');
    expect(last.deliveries.map((d) => (d.payload as { type: string }).type)).toEqual([
      'member_removed',
    ]);
    expect(last.occupancy).toMatchObject([{ name: 'room_vacated', room: 'lobby' }]);
  });

  it('reconciles ghosts the service no longer has, and keeps live connections', async () => {
    const { chat, presence } = setup();
    for (const c of [caller('ada', 'live'), caller('ghost', 'gone'), caller('ada', 'stale')]) {
      await chat.connected(c);
      await chat.join(c, { room: 'lobby' });
    }
    const live = new Set(['live']);
    const { removed, effects } = await chat.reconcile({
      userExists: (u) => Promise.resolve(u === 'ada'),
      connectionExists: (c) => Promise.resolve(live.has(c)),
    });
    expect(removed.sort()).toEqual(['gone', 'stale']);
    expect(
      effects.deliveries.map((d) => (d.payload as { user: { userId: string } }).user.userId),
    ).toEqual(['ghost']);
    expect((await presence.members('lobby')).map((m) => [m.userId, m.connections])).toEqual([
      ['ada', 1],
    ]);
  });
});

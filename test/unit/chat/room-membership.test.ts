// Which rooms are the user's (the rooms list's `member`, PROTOCOL.md §2): a room joined on any
// device stays the user's across disconnects and on a new device, until an explicit `leave`; joining
// again makes it theirs again. Unread counts come with it.
import { describe, expect, it } from 'vitest';

import { MemoryHistoryStore } from '../../../chat/history/memory-history-store';
import { MemoryPresenceStore } from '../../../chat/presence/memory-presence-store';
import { RateLimiter } from '../../../chat/rate-limit';
import { MemoryReadStateStore } from '../../../chat/reads/memory-read-state-store';
import type { Caller } from '../../../chat/service';
import { ChatService } from '../../../chat/service';

function setup() {
  return new ChatService({
    history: new MemoryHistoryStore(),
    reads: new MemoryReadStateStore(),
    presence: new MemoryPresenceStore(),
    limiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }, () => 0),
    nameOf: (userId) => Promise.resolve(userId.toUpperCase()),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
}
const device = (userId: string, connectionId: string): Caller => ({
  userId,
  connectionId,
  name: userId.toUpperCase(),
  admin: false,
});

async function roomsOf(chat: ChatService, caller: Caller) {
  const { rooms } = await chat.readState.rooms(caller);
  return Object.fromEntries(rooms.map((r) => [r.room, r]));
}

describe('room membership across devices', () => {
  it('keeps a joined room the user’s after a disconnect, on a new device, with its unread', async () => {
    const chat = setup();
    const laptop = device('ada', 'ada-laptop');
    const bob = device('bob', 'bob-1');
    await chat.connected(laptop);
    await chat.join(laptop, { room: 'design' });
    await chat.join(bob, { room: 'design' });
    await chat.message(bob, { id: 'b1', to: { room: 'design' }, text: 'hi' });
    await chat.disconnected(laptop.connectionId);
    const phone = device('ada', 'ada-phone');
    await chat.connected(phone);
    expect((await roomsOf(chat, phone)).design).toEqual({
      room: 'design',
      members: 1,
      joined: false,
      member: true,
      latestSeq: 1,
      readSeq: 0,
      unread: 1,
    });
  });

  it('ends it with an explicit leave on any device (the position is kept), and a join restores it', async () => {
    const chat = setup();
    const laptop = device('ada', 'ada-laptop');
    const phone = device('ada', 'ada-phone');
    await chat.join(laptop, { room: 'design' });
    await chat.readState.read(laptop, { room: 'design', seq: 0 });
    await chat.leave(laptop, { room: 'design' });
    expect((await roomsOf(chat, phone)).design).toMatchObject({ member: false, readSeq: 0 });
    await chat.join(phone, { room: 'design' });
    expect((await roomsOf(chat, laptop)).design).toMatchObject({ member: true, joined: false });
    expect((await roomsOf(chat, phone)).design).toMatchObject({ member: true, joined: true });
  });

  it('counts a room this connection is in as the user’s even when another device left it', async () => {
    const chat = setup();
    const laptop = device('ada', 'ada-laptop');
    const phone = device('ada', 'ada-phone');
    await chat.join(laptop, { room: 'design' });
    await chat.join(phone, { room: 'design' });
    await chat.leave(laptop, { room: 'design' });
    expect((await roomsOf(chat, phone)).design).toMatchObject({ member: true, joined: true });
    expect((await roomsOf(chat, laptop)).design).toMatchObject({ member: false, joined: false });
  });

  it('never makes a room the user’s by its occupancy or by leaving one never joined', async () => {
    const chat = setup();
    const ada = device('ada', 'ada-1');
    await chat.join(device('bob', 'bob-1'), { room: 'games' });
    await chat.leave(ada, { room: 'quiet' });
    const rooms = await roomsOf(chat, ada);
    expect(rooms.games).toEqual({ room: 'games', members: 1, joined: false, member: false });
    expect(rooms.quiet).toBeUndefined();
  });
});

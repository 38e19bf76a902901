// The PresenceStore conformance suite: run against the memory store (unit) and the Table store on
// a real Azurite (contract), so both answer the same way.
import { describe, expect, it } from 'vitest';

import type { PresenceStore, RoomChange } from '../../../../chat/presence/types';
import { codeOf, type StoreFactory, unique } from './store-suite-helpers';

/** Connects one more connection (device) of a user; returns its id. */
async function device(store: PresenceStore, userId: string): Promise<string> {
  const id = unique(`${userId}-c`);
  await store.connect(id, userId, `name of ${userId}`);
  return id;
}

const edges = (changes: RoomChange[]) => ({
  added: changes.filter((c) => c.member?.kind === 'added').length,
  removed: changes.filter((c) => c.member?.kind === 'removed').length,
  occupied: changes.filter((c) => c.occupancy === 'occupied').length,
  vacated: changes.filter((c) => c.occupancy === 'vacated').length,
});

export function presenceStoreSuite(factory: () => StoreFactory<PresenceStore>): void {
  describe('connections', () => {
    it('records a connection, idempotently, and lists it', async () => {
      const store = factory().create();
      const userId = unique('u');
      const c = await device(store, userId);
      const room = unique('room');
      await store.join(c, room);
      await store.connect(c, 'someone-else', 'Other'); // a repeated `connected` keeps the rooms
      const info = { connectionId: c, userId, name: `name of ${userId}`, rooms: [room] };
      expect(await store.connection(c)).toEqual(info);
      expect(await store.connections()).toContainEqual(info);
      expect(await store.connection(unique('nobody'))).toBeUndefined();
    });

    it('refuses to join a connection it does not know', async () => {
      const store = factory().create();
      expect(await codeOf(store.join(unique('ghost'), unique('room')))).toBe(
        'PRESENCE_ERR_UNKNOWN_CONNECTION',
      );
    });
  });

  describe('rooms, multi-device', () => {
    it('reports member_added and occupied only at the edges', async () => {
      const store = factory().create();
      const room = unique('room');
      const [ada, bob] = [unique('ada'), unique('bob')];
      const [a1, a2, b1] = [
        await device(store, ada),
        await device(store, ada),
        await device(store, bob),
      ];
      const adaName = `name of ${ada}`;
      expect(await store.join(a1, room)).toEqual({
        room,
        member: { kind: 'added', userId: ada, name: adaName },
        occupancy: 'occupied',
      });
      expect(await store.join(a2, room)).toEqual({ room });
      expect(await store.join(a2, room)).toEqual({ room });
      expect(await store.join(b1, room)).toEqual({
        room,
        member: { kind: 'added', userId: bob, name: `name of ${bob}` },
      });
      expect(await store.members(room)).toEqual(
        [
          { userId: ada, name: adaName, connections: 2 },
          { userId: bob, name: `name of ${bob}`, connections: 1 },
        ].sort((x, y) => (x.userId < y.userId ? -1 : 1)),
      );
    });

    it('reports member_removed and vacated only at the edges', async () => {
      const store = factory().create();
      const room = unique('room');
      const [ada, bob] = [unique('ada'), unique('bob')];
      const [a1, a2, b1] = [
        await device(store, ada),
        await device(store, ada),
        await device(store, bob),
      ];
      for (const c of [a1, a2, b1]) await store.join(c, room);
      expect(await store.leave(a1, room)).toEqual({ room });
      expect(await store.leave(a1, room)).toEqual({ room });
      expect(await store.leave(a2, room)).toEqual({
        room,
        member: { kind: 'removed', userId: ada, name: `name of ${ada}` },
      });
      expect(await store.leave(b1, room)).toEqual({
        room,
        member: { kind: 'removed', userId: bob, name: `name of ${bob}` },
        occupancy: 'vacated',
      });
      expect(await store.members(room)).toEqual([]);
      expect((await store.connection(a1))?.rooms).toEqual([]);
      expect(await store.leave(unique('ghost'), room)).toEqual({ room });
    });

    it('lists the occupied rooms with their member counts (users, not tabs)', async () => {
      const store = factory().create();
      const [a, b] = [unique('u'), unique('u')];
      const [room, empty] = [unique('occ'), unique('occ')];
      const [a1, a2, b1] = [await device(store, a), await device(store, a), await device(store, b)];
      for (const c of [a1, a2, b1]) await store.join(c, room);
      await store.join(b1, empty);
      await store.leave(b1, empty);
      const occupied = await store.occupiedRooms();
      expect(occupied.find((r) => r.room === room)).toEqual({ room, members: 2 });
      expect(occupied.find((r) => r.room === empty)).toBeUndefined();
    });

    it('occupies a room again after it was vacated', async () => {
      const store = factory().create();
      const room = unique('room');
      const c = await device(store, unique('u'));
      await store.join(c, room);
      await store.leave(c, room);
      expect((await store.join(c, room)).occupancy).toBe('occupied');
    });
  });

  describe('disconnect', () => {
    it('leaves every room, announcing only real departures, and forgets the connection', async () => {
      const store = factory().create();
      const [quiet, shared] = [unique('room'), unique('room')];
      const [ada, bob] = [unique('ada'), unique('bob')];
      const [a1, a2, b1] = [
        await device(store, ada),
        await device(store, ada),
        await device(store, bob),
      ];
      await store.join(a1, quiet);
      await store.join(a1, shared);
      await store.join(a2, shared);
      await store.join(b1, shared);
      const changes = await store.disconnect(a1);
      expect(changes.sort((x, y) => (x.room < y.room ? -1 : 1))).toEqual(
        [
          {
            room: quiet,
            member: { kind: 'removed', userId: ada, name: `name of ${ada}` },
            occupancy: 'vacated',
          },
          { room: shared },
        ].sort((x, y) => (x.room < y.room ? -1 : 1)),
      );
      expect(await store.connection(a1)).toBeUndefined();
      expect((await store.connections()).map((c) => c.connectionId)).not.toContain(a1);
      expect(await store.members(quiet)).toEqual([]);
      expect((await store.members(shared)).find((m) => m.userId === ada)?.connections).toBe(1);
      expect(await store.disconnect(a1)).toEqual([]);
      expect(await store.disconnect(unique('ghost'))).toEqual([]);
      expect(await codeOf(store.join(a1, shared))).toBe('PRESENCE_ERR_UNKNOWN_CONNECTION');
    });
  });

  describe('concurrency', () => {
    it('counts each edge once when two instances join and disconnect at once', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const room = unique('room');
      const users = Array.from({ length: 12 }, () => unique('user'));
      const conns = await Promise.all([...users, ...users].map((u) => device(one, u)));
      const joined = await Promise.all(conns.map((c, i) => (i % 2 ? one : two).join(c, room)));
      expect(edges(joined)).toEqual({ added: 12, removed: 0, occupied: 1, vacated: 0 });
      const members = await two.members(room);
      expect(members.map((m) => [m.userId, m.connections])).toEqual(
        [...users].sort().map((u) => [u, 2]),
      );
      const left = (
        await Promise.all(conns.map((c, i) => (i % 3 ? one : two).disconnect(c)))
      ).flat();
      expect(edges(left)).toEqual({ added: 0, removed: 12, occupied: 0, vacated: 1 });
      expect(await one.members(room)).toEqual([]);
    });

    it('joins one connection to many rooms at once without losing any', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const c = await device(one, unique('u'));
      const rooms = Array.from({ length: 8 }, () => unique('room'));
      await Promise.all(rooms.map((room, i) => (i % 2 ? one : two).join(c, room)));
      expect((await one.connection(c))?.rooms.sort()).toEqual([...rooms].sort());
      const changes = await two.disconnect(c);
      expect(edges(changes)).toEqual({ added: 0, removed: 8, occupied: 0, vacated: 8 });
    });
  });
}

// The ReadStateStore conformance suite: run against the memory store (unit) and the Table store on
// a real Azurite (contract), so both answer the same way.
import { describe, expect, it } from 'vitest';

import type { ReadStateStore } from '../../../../chat/reads/types';
import { type StoreFactory, unique } from './store-suite-helpers';

export function readStateStoreSuite(factory: () => StoreFactory<ReadStateStore>): void {
  describe('read positions', () => {
    it('moves forward only and answers the position as it is', async () => {
      const store = factory().create();
      const user = unique('u');
      expect(await store.get(user, 'lobby')).toBe(0);
      expect(await store.markRead(user, { room: 'lobby' }, 'lobby', 5)).toBe(5);
      expect(await store.markRead(user, { room: 'lobby' }, 'lobby', 3)).toBe(5);
      expect(await store.markRead(user, { room: 'lobby' }, 'lobby', 9)).toBe(9);
      expect(await store.get(user, 'lobby')).toBe(9);
    });

    it('keeps the greatest of concurrent positions, from two instances', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const user = unique('u');
      const seqs = Array.from({ length: 12 }, (_, i) => (i * 7) % 13);
      await Promise.all(
        seqs.map((s, i) => (i % 2 ? one : two).markRead(user, { user: 'bob' }, 'k', s)),
      );
      expect(await one.get(user, 'k')).toBe(Math.max(...seqs));
    });

    it('tracks a conversation at 0 without moving an existing position, and lists them all', async () => {
      const store = factory().create();
      const user = unique('u');
      await store.track(user, { room: 'lobby' }, 'lobby');
      await store.markRead(user, { user: 'bob/#?' }, '@dm:x', 4);
      await store.track(user, { user: 'bob/#?' }, '@dm:x');
      const list = await store.list(user);
      expect(list.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        { conversation: { user: 'bob/#?' }, key: '@dm:x', readSeq: 4, left: false },
        { conversation: { room: 'lobby' }, key: 'lobby', readSeq: 0, left: false },
      ]);
      expect(await store.list(unique('nobody'))).toEqual([]);
    });

    it('keeps the announcements position apart from rooms and DMs', async () => {
      const store = factory().create();
      const user = unique('u');
      expect(await store.markRead(user, { all: true }, '@all', 2)).toBe(2);
      expect(await store.list(user)).toEqual([
        { conversation: { all: true }, key: '@all', readSeq: 2, left: false },
      ]);
    });

    it('marks a room left keeping its position; a position update keeps the mark; track clears it', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const user = unique('u');
      await one.track(user, { room: 'design' }, 'design');
      await one.markRead(user, { room: 'design' }, 'design', 3);
      await two.leave(user, 'design');
      await one.markRead(user, { room: 'design' }, 'design', 5);
      expect(await one.list(user)).toEqual([
        { conversation: { room: 'design' }, key: 'design', readSeq: 5, left: true },
      ]);
      await two.track(user, { room: 'design' }, 'design');
      expect(await one.list(user)).toEqual([
        { conversation: { room: 'design' }, key: 'design', readSeq: 5, left: false },
      ]);
      await one.leave(user, 'never-joined');
      expect(await one.list(user)).toHaveLength(1);
    });
  });
}

// The HistoryStore conformance suite for changes (edit, delete, reaction) and backward paging: run
// against the memory store (unit) and the Table store on a real Azurite (contract).
import { describe, expect, it } from 'vitest';

import type { HistoryStore, NewChange, NewMessage } from '../../../../chat/history/types';
import { codeOf, type StoreFactory, unique } from './store-suite-helpers';

const ADA = { userId: 'ada', name: 'Ada' };
const BOB = { userId: 'bob', name: 'Bob' };
const TS = '2026-01-01T00:00:00.000Z';

const message = (room: string, id: string, from = ADA): NewMessage => ({
  id,
  room,
  from,
  body: `text of ${id}`,
  ts: TS,
});
const head = (room: string, id: string, target: number, from = ADA, admin = false) => ({
  id,
  room,
  target,
  from,
  ts: '2026-01-01T00:01:00.000Z',
  admin,
});
const edit = (room: string, id: string, target: number, body: unknown, from = ADA): NewChange => ({
  ...head(room, id, target, from),
  kind: 'edit',
  body,
});
const del = (room: string, id: string, target: number, from = ADA, admin = false): NewChange => ({
  ...head(room, id, target, from, admin),
  kind: 'delete',
});
const react = (room: string, id: string, target: number, on: boolean, from = BOB): NewChange => ({
  ...head(room, id, target, from),
  kind: 'reaction',
  reaction: 'like',
  on,
});

export function historyChangesSuite(factory: () => StoreFactory<HistoryStore>): void {
  describe('changes', () => {
    it('stores an edit with the next seq and folds it into the message in every page', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'm1'));
      await store.append(message(room, 'm2'));
      const result = await store.change(edit(room, 'e1', 1, 'better'));
      expect(result).toMatchObject({
        kind: 'stored',
        duplicate: false,
        entry: { seq: 3, kind: 'edit', target: 1, body: 'better' },
      });
      const page = await store.since(room, 0, 10);
      expect(page.messages[0]).toMatchObject({
        seq: 1,
        body: 'better',
        version: 3,
        edited: expect.any(String),
      });
      expect(page.changes).toEqual([expect.objectContaining({ seq: 3, id: 'e1', kind: 'edit' })]);
      expect(page).toMatchObject({ latestSeq: 3, hasMore: false, hasOlder: false });
      // The next message follows the change: one sequence for both.
      expect((await store.append(message(room, 'm3'))).message.seq).toBe(4);
    });

    it('answers a replayed change with the first entry, even when the rules would now refuse it', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'm1'));
      const first = await store.change(edit(room, 'e1', 1, 'v1'));
      expect(await store.change(edit(room, 'e1', 1, 'other'))).toEqual({
        ...first,
        duplicate: true,
      });
      await store.change(del(room, 'd1', 1));
      // After the delete an edit is refused, but the replay of e1 is still its first answer.
      expect(await store.change(edit(room, 'e1', 1, 'v1'))).toEqual({ ...first, duplicate: true });
      expect(await store.change(edit(room, 'e2', 1, 'v2'))).toMatchObject({
        kind: 'refused',
        code: 'Gone',
      });
      expect((await store.since(room, 0, 10)).latestSeq).toBe(3);
    });

    it('lets only the author edit, the author or an admin delete, and refuses unknown targets', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'm1'));
      await store.append(message(room, 'm2'));
      expect(await store.change(edit(room, 'x1', 1, 'hijack', BOB))).toMatchObject({
        kind: 'refused',
        code: 'Forbidden',
      });
      expect(await store.change(del(room, 'x2', 1, BOB))).toMatchObject({
        kind: 'refused',
        code: 'Forbidden',
      });
      expect(await store.change(edit(room, 'x3', 9, 'nothing'))).toMatchObject({
        kind: 'refused',
        code: 'NoSuchMessage',
      });
      const byAdmin = await store.change(del(room, 'a1', 2, BOB, true));
      expect(byAdmin).toMatchObject({ kind: 'stored', entry: { seq: 3, kind: 'delete' } });
      // A change is no message: changing it is refused.
      expect(await store.change(edit(room, 'x4', 3, 'no'))).toMatchObject({
        kind: 'refused',
        code: 'NoSuchMessage',
      });
      const page = await store.since(room, 0, 10);
      expect(page.messages.map((m) => [m.seq, m.body, m.deleted])).toEqual([
        [1, 'text of m1', undefined],
        [2, null, true],
      ]);
      expect(page.latestSeq).toBe(3);
    });

    it('keeps one reaction per user: adding twice or removing what is not there stores nothing', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'm1'));
      expect(await store.change(react(room, 'r1', 1, true))).toMatchObject({
        kind: 'stored',
        entry: { seq: 2 },
      });
      expect(await store.change(react(room, 'r2', 1, true))).toMatchObject({
        kind: 'unchanged',
        message: { version: 2 },
      });
      expect(await store.change(react(room, 'r3', 1, true, ADA))).toMatchObject({
        kind: 'stored',
        entry: { seq: 3 },
      });
      expect((await store.latest(room, 10)).messages[0]?.reactions).toEqual({
        like: ['bob', 'ada'],
      });
      expect(await store.change(react(room, 'r4', 1, false))).toMatchObject({
        kind: 'stored',
        entry: { seq: 4, on: false },
      });
      expect(await store.change(react(room, 'r5', 1, false))).toMatchObject({ kind: 'unchanged' });
      const page = await store.latest(room, 10);
      expect(page.messages[0]?.reactions).toEqual({ like: ['ada'] });
      expect(page.changes.map((c) => c.seq)).toEqual([2, 3, 4]);
    });

    it('orders concurrent messages and changes in one sequence with no gaps', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const room = unique('room');
      await one.append(message(room, 'm0'));
      const writes = Array.from({ length: 30 }, (_, i) => {
        const store = i % 2 ? one : two;
        return i % 3 === 0
          ? store.append(message(room, `m${i + 1}`))
          : store.change(react(room, `r${i}`, 1, i % 3 === 1, { userId: `u${i}`, name: 'U' }));
      });
      await Promise.all(writes);
      const page = await one.since(room, 0, 100);
      const seqs = [...page.messages, ...page.changes].map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const likes = page.messages[0]?.reactions?.like ?? [];
      const on = page.changes
        .filter((c) => c.kind === 'reaction' && c.on)
        .map((c) => c.from.userId);
      expect([...likes].sort()).toEqual([...on].sort());
    });

    it('refuses an edit body too large without using up a seq', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'm1'));
      expect(await codeOf(store.change(edit(room, 'big', 1, 'x'.repeat(40 * 1024))))).toBe(
        'HISTORY_ERR_BODY_TOO_LARGE',
      );
      expect((await store.append(message(room, 'm2'))).message.seq).toBe(2);
    });
  });

  describe('before', () => {
    it('pages backwards with no gap or overlap, oldest first, and says when older entries remain', async () => {
      const store = factory().create();
      const room = unique('room');
      for (let i = 1; i <= 23; i += 1) await store.append(message(room, `m${i}`));
      await store.change(edit(room, 'e', 2, 'edited'));
      const latest = await store.latest(room, 10);
      expect([latest.messages[0]?.seq, latest.changes.at(-1)?.seq]).toEqual([15, 24]);
      expect(latest.hasOlder).toBe(true);
      const older = await store.before(room, 15, 10);
      expect(older.messages.map((m) => m.seq)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
      expect(older).toMatchObject({ hasOlder: true, hasMore: true, latestSeq: 24 });
      const oldest = await store.before(room, 5, 10);
      expect(oldest.messages.map((m) => [m.seq, m.body])).toEqual([
        [1, 'text of m1'],
        [2, 'edited'],
        [3, 'text of m3'],
        [4, 'text of m4'],
      ]);
      expect(oldest.hasOlder).toBe(false);
      expect((await store.before(room, 1, 10)).messages).toEqual([]);
    });
  });
}

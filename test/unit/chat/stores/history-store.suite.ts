// The HistoryStore conformance suite: run against the memory store (unit) and the Table store on
// a real Azurite (contract), so both answer the same way.
import { describe, expect, it } from 'vitest';

import type { HistoryStore, NewMessage } from '../../../../chat/history/types';
import { codeOf, type StoreFactory, unique } from './store-suite-helpers';

function message(room: string, id: string, body: unknown = `text of ${id}`): NewMessage {
  return { id, room, from: { userId: 'u1', name: 'Ada' }, body, ts: '2026-01-01T00:00:00.000Z' };
}

async function appendMany(store: HistoryStore, room: string, count: number, prefix = 'm') {
  for (let i = 1; i <= count; i += 1) await store.append(message(room, `${prefix}${i}`));
}

export function historyStoreSuite(factory: () => StoreFactory<HistoryStore>): void {
  describe('append', () => {
    it('numbers messages 1, 2, 3 per room and returns them as stored', async () => {
      const store = factory().create();
      const [a, b] = [unique('room'), unique('room')];
      const first = await store.append(message(a, 'x1', { text: 'hi', data: [1, null] }));
      expect(first).toEqual({
        duplicate: false,
        message: { ...message(a, 'x1', { text: 'hi', data: [1, null] }), seq: 1 },
      });
      expect((await store.append(message(a, 'x2'))).message.seq).toBe(2);
      expect((await store.append(message(b, 'y1'))).message.seq).toBe(1);
      expect((await store.append(message(a, 'x3'))).message.seq).toBe(3);
      const page = await store.since(a, 0, 10);
      expect(page.messages.map((m) => [m.id, m.seq, m.body])).toEqual([
        ['x1', 1, { text: 'hi', data: [1, null] }],
        ['x2', 2, 'text of x2'],
        ['x3', 3, 'text of x3'],
      ]);
    });

    it('gives 200 concurrent appends to one room the seqs 1..200, each once', async () => {
      const store = factory().create();
      const room = unique('room');
      const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
      const results = await Promise.all(ids.map((id) => store.append(message(room, id))));
      expect(results.every((r) => !r.duplicate)).toBe(true);
      const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(ids.map((_, i) => i + 1));
      const page = await store.since(room, 0, 1000);
      expect(page.latestSeq).toBe(200);
      expect(page.messages.map((m) => m.seq)).toEqual(seqs);
      const seqById = new Map(results.map((r) => [r.message.id, r.message.seq]));
      expect(page.messages.every((m) => seqById.get(m.id) === m.seq)).toBe(true);
    });

    it('keeps seqs gap-free and unique across two instances appending at once', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const room = unique('room');
      const ids = Array.from({ length: 200 }, (_, i) => `t${i}`);
      const results = await Promise.all(
        ids.map((id, i) => (i % 2 ? one : two).append(message(room, id))),
      );
      expect(results.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(
        ids.map((_, i) => i + 1),
      );
      const [fromOne, fromTwo] = await Promise.all([
        one.since(room, 0, 1000),
        two.since(room, 0, 1000),
      ]);
      expect(fromOne.messages.map((m) => m.id).sort()).toEqual([...ids].sort());
      expect(fromTwo).toEqual(fromOne);
    });

    it('picks up where another instance left off (a stale cached counter)', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const room = unique('room');
      expect((await one.append(message(room, 'a'))).message.seq).toBe(1);
      expect((await two.append(message(room, 'b'))).message.seq).toBe(2);
      expect((await one.append(message(room, 'c'))).message.seq).toBe(3);
      expect((await two.append(message(room, 'd'))).message.seq).toBe(4);
    });
  });

  describe('idempotency by id', () => {
    it('answers a repeated id with the first message, flagged duplicate, stored once', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'before'));
      const first = await store.append(message(room, 'same', 'first body'));
      const again = await store.append({ ...message(room, 'same', 'second body'), ts: 'later' });
      expect(again).toEqual({ duplicate: true, message: first.message });
      const next = await store.append(message(room, 'after'));
      expect(next.message.seq).toBe(3);
      const page = await store.since(room, 0, 10);
      expect(page.messages.map((m) => m.id)).toEqual(['before', 'same', 'after']);
    });

    it('stores one of many concurrent appends with one id, on one or two instances', async () => {
      const f = factory();
      const one = f.create();
      const two = f.twin(one);
      const room = unique('room');
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).append(message(room, 'dup'))),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.seq))).toEqual(new Set([1]));
      expect((await one.since(room, 0, 10)).messages).toHaveLength(1);
      expect((await two.append(message(room, 'next'))).message.seq).toBe(2);
    });

    it('scopes ids to their sender: another sender’s id is never a duplicate', async () => {
      const store = factory().create();
      const room = unique('room');
      const victim = (id: string): NewMessage => ({
        ...message(room, id, 'real'),
        from: { userId: 'victim', name: 'Victim' },
      });
      // The attacker posts the victim's next ids first (in one batch and in separate ones).
      await Promise.all([store.append(message(room, 'v1', 'squat')), store.append(victim('v1'))]);
      await store.append(message(room, 'v2', 'squat'));
      const real = await store.append(victim('v2'));
      expect(real).toMatchObject({ duplicate: false, message: { body: 'real', seq: 4 } });
      expect(await store.append(victim('v2'))).toEqual({ duplicate: true, message: real.message });
      const page = await store.since(room, 0, 10);
      expect(page.messages.filter((m) => m.from.userId === 'victim')).toHaveLength(2);
      expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    });

    it('scopes ids to their room', async () => {
      const store = factory().create();
      const [a, b] = [unique('room'), unique('room')];
      await store.append(message(a, 'shared'));
      expect(await store.append(message(b, 'shared'))).toMatchObject({ duplicate: false });
    });
  });

  describe('bodies', () => {
    it('refuses bodies too large for one Table property, and the seq is not used up', async () => {
      const store = factory().create();
      const room = unique('room');
      await store.append(message(room, 'ok'));
      const big = message(room, 'big', 'x'.repeat(40 * 1024));
      expect(await codeOf(store.append(big))).toBe('HISTORY_ERR_BODY_TOO_LARGE');
      expect(await codeOf(store.append({ ...message(room, 'u'), body: undefined }))).toBe(
        'HISTORY_ERR_BODY_INVALID',
      );
      expect((await store.append(message(room, 'next'))).message.seq).toBe(2);
    });

    it('returns copies: changing an answer does not change the store', async () => {
      const store = factory().create();
      const room = unique('room');
      const { message: stored } = await store.append(message(room, 'm', { list: [1] }));
      if ('kind' in stored) throw new Error('a message came back as a change');
      (stored.body as { list: number[] }).list.push(2);
      expect((await store.latest(room, 1)).messages[0]?.body).toEqual({ list: [1] });
    });

    it('accepts rooms and ids with characters Table keys forbid, and very long ones', async () => {
      const store = factory().create();
      const odd = `${unique('r')}/\\#?%~\u0001é`;
      const long = `${unique('r')}${'L'.repeat(2000)}`;
      for (const room of [odd, `${odd}x`, long]) {
        await store.append(message(room, 'a/b#c?'));
        await store.append(message(room, 'I'.repeat(1500)));
        expect((await store.append(message(room, 'a/b#c?'))).duplicate).toBe(true);
        const page = await store.since(room, 0, 10);
        expect(page.messages.map((m) => [m.room, m.seq])).toEqual([
          [room, 1],
          [room, 2],
        ]);
      }
    });
  });

  describe('since and latest', () => {
    it('pages forward with since', async () => {
      const store = factory().create();
      const room = unique('room');
      await appendMany(store, room, 25);
      const first = await store.since(room, 0, 10);
      expect(first.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(first).toMatchObject({ latestSeq: 25, hasMore: true });
      const last = await store.since(room, 20, 10);
      expect(last.messages.map((m) => m.id)).toEqual(['m21', 'm22', 'm23', 'm24', 'm25']);
      expect(last).toMatchObject({ latestSeq: 25, hasMore: false });
      const empty = { messages: [], changes: [], hasOlder: true };
      expect(await store.since(room, 25, 10)).toEqual({ ...empty, latestSeq: 25, hasMore: false });
      expect(await store.since(room, 99, 10)).toEqual({ ...empty, latestSeq: 25, hasMore: false });
      expect(await store.since(room, 3, 0)).toEqual({ ...empty, latestSeq: 25, hasMore: true });
    });

    it('reads the last messages with latest, oldest first', async () => {
      const store = factory().create();
      const room = unique('room');
      await appendMany(store, room, 12);
      const page = await store.latest(room, 5);
      expect(page.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
      expect(page).toMatchObject({ latestSeq: 12, hasMore: false });
      expect((await store.latest(room, 100)).messages).toHaveLength(12);
    });

    it('answers an empty room with an empty page', async () => {
      const store = factory().create();
      const room = unique('room');
      const empty = { messages: [], changes: [], latestSeq: 0, hasMore: false, hasOlder: false };
      expect(await store.since(room, 0, 10)).toEqual(empty);
      expect(await store.latest(room, 10)).toEqual(empty);
    });

    it('treats negative or fractional arguments as whole numbers from zero', async () => {
      const store = factory().create();
      const room = unique('room');
      await appendMany(store, room, 3);
      expect((await store.since(room, -5, 2.7)).messages.map((m) => m.seq)).toEqual([1, 2]);
      await expect(store.since(room, Number.NaN, 2)).rejects.toThrow(TypeError);
    });
  });
}

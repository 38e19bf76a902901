// The web client's gap-free history rules (PROTOCOL.md §4): show each seq once and in order, ask
// `history` for gaps, resume after a reconnect, and never stall.
import { describe, expect, it } from 'vitest';

import { FETCH_RETRY_MS, RoomSequence } from '../../../web/src/room-sequence';

const m = (seq: number) => ({ seq });
const seqs = (step: { show: { seq: number }[] }) => step.show.map((x) => x.seq);

describe('RoomSequence', () => {
  it('shows the latest page of a first join, then live messages in order, dropping duplicates', () => {
    const s = new RoomSequence();
    expect(seqs(s.page([m(8), m(9), m(10)], 10, false))).toEqual([8, 9, 10]);
    expect(seqs(s.live(m(11)))).toEqual([11]);
    expect(seqs(s.live(m(11)))).toEqual([]);
    expect(seqs(s.live(m(3)))).toEqual([]);
    expect(s.last).toBe(11);
  });

  it('starts an empty room at its latest seq', () => {
    const s = new RoomSequence();
    expect(s.page([], 0, false)).toEqual({ show: [] });
    expect(seqs(s.live(m(1)))).toEqual([1]);
  });

  it('holds live messages that arrive before the joined reply, and shows them after it', () => {
    const s = new RoomSequence();
    expect(seqs(s.live(m(6)))).toEqual([]);
    expect(seqs(s.live(m(4)))).toEqual([]);
    expect(seqs(s.page([m(4), m(5)], 5, false))).toEqual([4, 5, 6]);
  });

  it('asks history for a gap once, and fills it in order', () => {
    let now = 0;
    const s = new RoomSequence(() => now);
    s.page([m(1)], 1, false);
    expect(s.live(m(4))).toEqual({ show: [], fetchSince: 1 });
    expect(s.live(m(5))).toEqual({ show: [] });
    now += FETCH_RETRY_MS + 1;
    expect(s.live(m(6)).fetchSince).toBe(1);
    expect(seqs(s.page([m(2), m(3), m(4)], 6, false))).toEqual([2, 3, 4, 5, 6]);
    expect(s.last).toBe(6);
  });

  it('pages through a long gap: hasMore asks again from the new last', () => {
    const s = new RoomSequence();
    s.page([m(1)], 1, false);
    const step = s.page([m(2), m(3)], 9, true);
    expect(step).toEqual({ show: [m(2), m(3)], fetchSince: 3 });
  });

  it('resumes after a reconnect from the last seq shown (join with since)', () => {
    const s = new RoomSequence();
    s.page([m(1), m(2)], 2, false);
    // The rejoin's reply has what was missed, possibly overlapping live deliveries.
    expect(seqs(s.live(m(3)))).toEqual([3]);
    expect(seqs(s.page([m(3), m(4), m(5)], 5, false))).toEqual([4, 5]);
  });

  it('does not stall when history cannot fill a gap', () => {
    const s = new RoomSequence();
    s.page([m(1)], 1, false);
    s.live(m(5));
    expect(seqs(s.page([], 5, false))).toEqual([5]);
    expect(s.last).toBe(5);
  });

  it('treats a known seq with another message id as a conflict: rewinds and refetches', () => {
    const msg = (seq: number, id: string) => ({ seq, id, from: { userId: 'u' } });
    const s = new RoomSequence();
    s.page([msg(1, 'a'), msg(2, 'b')], 2, false);
    expect(seqs(s.live(msg(3, 'c')))).toEqual([3]);
    // The same message again is a duplicate; seq 2 with another id is storage that lost 2 and 3.
    expect(s.live(msg(3, 'c'))).toEqual({ show: [] });
    expect(s.live(msg(2, 'x'))).toEqual({ show: [], conflict: 2, fetchSince: 1 });
    expect(s.last).toBe(1);
    const refetched = s.page([msg(2, 'x'), msg(3, 'y')], 3, false);
    expect(refetched.show.map((x) => x.id)).toEqual(['x', 'y']);
    // A page that contradicts what was shown is a conflict too.
    expect(s.page([msg(3, 'z')], 3, false)).toMatchObject({ conflict: 3, fetchSince: 2 });
  });
});

// Gap-free, duplicate-free room history (PROTOCOL.md §4) as pure logic: it decides which messages to
// show, in order, and when to ask the server for `history` since the last one shown. It knows
// nothing of sockets or the DOM, so it is unit-tested on its own.
// A known `seq` that comes back with another message (storage that lost acknowledged writes handed
// the seq out again) is a conflict, never a silent duplicate: it rewinds and asks history again.

export interface Sequenced {
  seq: number;
  id?: string;
  from?: { userId: string };
}

export interface SequenceStep<M> {
  /** Messages to show now, in `seq` order, each exactly once. */
  show: M[];
  /** Ask `history` with this `since` (the last `seq` shown). */
  fetchSince?: number;
  /** A shown `seq` arrived with another message: from this `seq` on, what was shown is stale. */
  conflict?: number;
}

/** Seqs whose message identity is remembered for conflict checks (the most recent ones). */
const MAX_KNOWN = 1_000;
const identity = (m: Sequenced): string => JSON.stringify([m.from?.userId, m.id]);

/** A history request unanswered this long is asked again when the next message arrives. */
export const FETCH_RETRY_MS = 5_000;

export class RoomSequence<M extends Sequenced> {
  /** The highest `seq` shown; undefined until the `joined` reply says where the room is. */
  #last: number | undefined;
  readonly #pending = new Map<number, M>();
  /** The identity of each recent `seq` shown. */
  readonly #known = new Map<number, string>();
  #fetchingSince: number | undefined;
  #fetchedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get last(): number | undefined {
    return this.#last;
  }

  /** A message that arrived live. Before the `joined` reply, it waits. */
  live(message: M): SequenceStep<M> {
    if (this.#last === undefined) {
      this.#pending.set(message.seq, message);
      return { show: [] };
    }
    if (message.seq <= this.#last) return this.#conflictIfChanged([message]);
    this.#pending.set(message.seq, message);
    const show = this.#drain();
    return { show, ...this.#fetchIfGap() };
  }

  /**
   * A `joined` reply or a `history` page. `messages` are the room's latest (a first join) or those
   * after the `since` asked for; `latestSeq` is the room's newest `seq`.
   */
  page(messages: M[], latestSeq: number, hasMore: boolean): SequenceStep<M> {
    this.#fetchingSince = undefined;
    const conflict = this.#conflictIfChanged(messages);
    if (conflict.conflict !== undefined) return conflict;
    const before = this.#last;
    if (this.#last === undefined) {
      const first = messages.reduce((min, m) => Math.min(min, m.seq), Infinity);
      // A first join shows the latest page; older live messages waiting here are older than it.
      this.#last = Number.isFinite(first) ? first - 1 : latestSeq;
      for (const seq of this.#pending.keys()) if (seq <= this.#last) this.#pending.delete(seq);
    }
    for (const m of messages) if (m.seq > this.#last) this.#pending.set(m.seq, m);
    const show = this.#drain();
    const progressed = this.#last !== before || show.length > 0;
    const behind = hasMore || this.#pending.size > 0 || latestSeq > this.#last;
    if (behind && progressed) return { show, ...this.#fetchIfGap(true) };
    if (behind && this.#pending.size > 0) {
      // The server had nothing for the gap (it can only be lost history): show what we have
      // rather than wait forever.
      const rest = [...this.#pending.values()].sort((a, b) => a.seq - b.seq);
      this.#pending.clear();
      for (const m of rest) this.#remember(m);
      this.#last = rest[rest.length - 1]?.seq ?? this.#last;
      return { show: [...show, ...rest] };
    }
    return { show };
  }

  #drain(): M[] {
    const show: M[] = [];
    for (let next = this.#pending.get((this.#last ?? 0) + 1); next;) {
      this.#pending.delete(next.seq);
      this.#remember(next);
      show.push(next);
      this.#last = next.seq;
      next = this.#pending.get(next.seq + 1);
    }
    return show;
  }

  /**
   * The first of `messages` whose `seq` was shown with another message: rewinds to just before it
   * and asks history from there (the page that answers shows the room's messages as stored now).
   */
  #conflictIfChanged(messages: M[]): SequenceStep<M> {
    const changed = messages
      .filter((m) => {
        const known = this.#known.get(m.seq);
        return known !== undefined && known !== identity(m);
      })
      .reduce((min, m) => Math.min(min, m.seq), Infinity);
    if (!Number.isFinite(changed)) return { show: [] };
    this.#last = changed - 1;
    for (const seq of [...this.#known.keys()]) if (seq >= changed) this.#known.delete(seq);
    this.#pending.clear();
    this.#fetchingSince = undefined;
    return { show: [], conflict: changed, ...this.#fetchIfGap(true) };
  }

  #remember(m: M): void {
    this.#known.delete(m.seq);
    this.#known.set(m.seq, identity(m));
    if (this.#known.size > MAX_KNOWN) {
      const oldest = this.#known.keys().next().value;
      if (oldest !== undefined) this.#known.delete(oldest);
    }
  }

  #fetchIfGap(force = false): { fetchSince?: number } {
    if (!force && this.#pending.size === 0) return {};
    const last = this.#last ?? 0;
    const stale = this.now() - this.#fetchedAt > FETCH_RETRY_MS;
    if (this.#fetchingSince === last && !stale) return {};
    this.#fetchingSince = last;
    this.#fetchedAt = this.now();
    return { fetchSince: last };
  }
}

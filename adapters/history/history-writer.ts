// Writes to the history table. Per conversation, messages and changes are batched into
// entity-group transactions that create the next `m-<seq>` rows: a seq another instance took makes
// the whole batch fail (409), so seqs stay gap-free and unique across instances with no counter to
// lock. A change (edit, delete, reaction) also replaces its target's row with the target as it
// becomes, in the same transaction: the seq race guards that too (whoever changed the target took a
// seq this batch then cannot). The `counter` row is a hint, moved in the same transaction every
// HINT_EVERY seqs, that bounds the search for the newest.
// Each write's id row carries a token of its own, so a batch that committed but whose reply was
// lost (the storage client's retry meets 409) is recognised as this write's, not a duplicate.
import { randomUUID } from 'node:crypto';

import type { AppendResult, ChangeResult, NewChange, NewMessage } from '../../chat/history/types';
import { tooMuchContention } from '../../chat/store-errors';
import type { LazyTable } from '../storage/clients';
import { submitBatch } from '../storage/entity-batch';
import { PartitionBatcher } from '../storage/partition-batcher';
import { isConflict, isLostRace, MAX_ATTEMPTS } from '../storage/table-errors';
import type { Outcome, Write } from './batch-plan';
import { planBatch } from './batch-plan';
import { MessageCache } from './message-cache';
import { newestFrom, readById, readHint } from './table-reads';

export interface Append {
  message: NewMessage;
  /** The body as JSON text, already size-checked. */
  body: string;
}

/** A write with the token its id row carries: finding it again means this write committed. */
interface Pending {
  write: Write;
  token: string;
}

interface Counter {
  /** The newest seq known to be stored. */
  seq: number;
  /** What the `counter` row is known to hold (0: no row yet). */
  hint: number;
}

/** The hint is moved once it trails by this much: finding the newest reads at most this many keys. */
export const HINT_EVERY = 32;
// A transaction holds at most 100 operations: per message a message row and an id row, per change
// those and at most one target row, and the hint. 49 messages fill one, as before changes existed.
const MAX_OPERATIONS = 98;
// A transaction body is at most 4 MiB; JSON escaping can triple a character in the worst case.
const MAX_BATCH_CHARS = 1_000_000;
// A forgotten counter costs one read on that conversation's next write.
const MAX_CACHED_ROOMS = 10_000;
// A change's target row goes into its batch too: a message body is at most a 4 KiB event.
const TARGET_WEIGHT = 12_000;

const writer = (w: Write) => (w.kind === 'message' ? w.message : w.change);
const senderKey = (w: Write): string => JSON.stringify([writer(w).from.userId, writer(w).id]);

export class HistoryWriter {
  // Cached between batches so that the common case is one round trip per batch.
  private readonly counters = new Map<string, Counter>();
  // Messages as they are at the cached counter: a change to a recent one needs no read first.
  private readonly messages = new MessageCache();
  private readonly batcher = new PartitionBatcher<Pending, Outcome>({
    maxOps: MAX_OPERATIONS,
    size: (p) => (p.write.kind === 'message' ? 2 : 3),
    weight: ({ write: w }) =>
      w.kind === 'message'
        ? w.body.length + w.message.id.length * 2 + w.message.from.name.length + 200
        : TARGET_WEIGHT + JSON.stringify(w.change).length,
    maxWeight: MAX_BATCH_CHARS,
    flush: (room, pending) => this.flush(room, pending),
  });

  constructor(private readonly table: LazyTable) {}

  async append(append: Append): Promise<AppendResult> {
    const write: Write = { kind: 'message', ...append };
    const outcome = await this.batcher.push(append.message.room, { write, token: randomUUID() });
    if (!('entry' in outcome)) throw new Error('history batch answered a message as a change');
    const { entry, duplicate } = outcome;
    if (duplicate) return { message: entry, duplicate };
    if ('kind' in entry) throw new Error('history batch stored a message as a change');
    return { message: entry, duplicate };
  }

  async change(change: NewChange): Promise<ChangeResult> {
    const write: Write = { kind: 'change', change };
    const outcome = await this.batcher.push(change.room, { write, token: randomUUID() });
    return 'entry' in outcome ? { kind: 'stored', ...outcome } : outcome;
  }

  private async flush(room: string, writes: readonly Pending[]): Promise<Outcome[]> {
    const results: (Outcome | undefined)[] = [];
    // The first of several writes with one sender and id is written; the others are its duplicates.
    const firstById = new Map<string, number>();
    let pending: number[] = [];
    writes.forEach((p, i) => {
      if (firstById.has(senderKey(p.write))) return;
      firstById.set(senderKey(p.write), i);
      pending.push(i);
    });
    const client = await this.table.ready();
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const counter = this.counters.get(room) ?? (await this.readCounter(room));
      const batch = pending.map((i) => writes[i] as Pending);
      const plan = await planBatch(this.table, room, counter.seq, batch, this.messages);
      const moveHint = plan.seq - counter.hint >= HINT_EVERY;
      try {
        if (plan.operations.length > 0) {
          if (moveHint) plan.operations.push(plan.hint());
          await submitBatch(client, plan.operations);
        }
        // Refused and unchanged changes write nothing: final once what they saw is committed.
        plan.outcomes.forEach((o, k) => (results[pending[k] as number] = o));
        this.remember(room, { seq: plan.seq, hint: moveHint ? plan.seq : counter.hint });
        this.messages.update(room, plan.seq, plan.touched);
        pending = [];
      } catch (error) {
        // Whether it committed is unknown after a failure: look for the newest afresh next time.
        this.counters.delete(room);
        this.messages.forget(room);
        if (!isLostRace(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw tooMuchContention(`history write to ${room}`, attempt);
        // An id row that exists makes that write a duplicate, unless it carries this write's own
        // token: the batch committed and its reply was lost (the SDK's retry then met 409).
        if (isConflict(error)) pending = await this.dropStored(room, writes, pending, results);
      }
    }
    // A replayed change the rules now refuse (or find done) is acknowledged as the first one.
    const settled = writes
      .map((_, i) => i)
      .filter((i) => results[i] !== undefined && !('entry' in results[i]));
    if (settled.length > 0) await this.dropStored(room, writes, settled, results);
    return writes.map((p, i) => {
      const own = results[i];
      if (own) return own;
      const first = results[firstById.get(senderKey(p.write)) ?? -1];
      if (!first) throw new Error('history batch lost track of a write');
      return 'entry' in first ? { entry: structuredClone(first.entry), duplicate: true } : first;
    });
  }

  private remember(room: string, counter: Counter): void {
    this.counters.delete(room); // re-inserted last: the Map's order is least recently written first
    this.counters.set(room, counter);
    const oldest = this.counters.size > MAX_CACHED_ROOMS && this.counters.keys().next();
    if (oldest && !oldest.done) {
      this.counters.delete(oldest.value);
      this.messages.forget(oldest.value);
    }
  }

  private async readCounter(room: string): Promise<Counter> {
    const hint = await readHint(this.table, room);
    return { seq: await newestFrom(this.table, room, hint), hint };
  }

  /** Settles the writes already stored: by another write (duplicates) or by themselves. */
  private async dropStored(
    room: string,
    writes: readonly Pending[],
    indices: readonly number[],
    results: (Outcome | undefined)[],
  ): Promise<number[]> {
    const stored = await Promise.all(
      indices.map((i) => {
        const { from, id } = writer((writes[i] as Pending).write);
        return readById(this.table, room, from.userId, id);
      }),
    );
    return indices.filter((i, k) => {
      const found = stored[k];
      if (found) {
        const own = found.token === (writes[i] as Pending).token;
        results[i] = { entry: found.entry, duplicate: !own };
      }
      return !found;
    });
  }
}

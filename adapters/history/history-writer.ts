// Appends to the history table. Per room, appends are batched into entity-group transactions that
// create the next `m-<seq>` rows: a seq another instance took makes the whole batch fail (409), so
// seqs stay gap-free and unique across instances with no counter to lock. The `counter` row is a
// hint, moved in the same transaction every HINT_EVERY seqs, that bounds the search for the newest.
// Each append's id row carries a token of its own, so a batch that committed but whose reply was
// lost (the storage client's retry meets 409) is recognised as this append's, not a duplicate.
import { randomUUID } from 'node:crypto';

import { storedMessage } from '../../chat/history/body';
import type { AppendResult, NewMessage } from '../../chat/history/types';
import { tooMuchContention } from '../../chat/store-errors';
import type { LazyTable } from '../storage/clients';
import type { BatchOperation } from '../storage/entity-batch';
import { submitBatch } from '../storage/entity-batch';
import { PartitionBatcher } from '../storage/partition-batcher';
import { isConflict, isLostRace, MAX_ATTEMPTS } from '../storage/table-errors';
import { newestFrom, readById, readHint } from './table-reads';
import { COUNTER_ROW, idRow, messageEntity, partitionOf, seqValue } from './table-rows';

export interface Append {
  message: NewMessage;
  /** The body as JSON text, already size-checked. */
  body: string;
}

/** An append with the token its id row carries: finding it again means this append committed. */
interface Pending extends Append {
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
// A transaction holds at most 100 operations: a message row and an id row each, and the hint.
const MAX_APPENDS = 49;
// A transaction body is at most 4 MiB; JSON escaping can triple a character in the worst case.
const MAX_BATCH_CHARS = 1_000_000;
// A forgotten counter costs one read on that room's next append.
const MAX_CACHED_ROOMS = 10_000;

const senderKey = ({ message }: Append): string =>
  JSON.stringify([message.from.userId, message.id]);

export class HistoryWriter {
  // Cached between batches so that the common case is one round trip per batch.
  private readonly counters = new Map<string, Counter>();
  private readonly batcher = new PartitionBatcher<Pending, AppendResult>({
    maxOps: MAX_APPENDS,
    weight: (a) => a.body.length + a.message.id.length * 2 + a.message.from.name.length + 200,
    maxWeight: MAX_BATCH_CHARS,
    flush: (room, appends) => this.flush(room, appends),
  });

  constructor(private readonly table: LazyTable) {}

  append(append: Append): Promise<AppendResult> {
    return this.batcher.push(append.message.room, { ...append, token: randomUUID() });
  }

  private async flush(room: string, appends: readonly Pending[]): Promise<AppendResult[]> {
    const results: (AppendResult | undefined)[] = [];
    // The first of several appends with one sender and id is written; the others are its duplicates.
    const firstById = new Map<string, number>();
    let pending: number[] = [];
    appends.forEach((a, i) => {
      if (firstById.has(senderKey(a))) return;
      firstById.set(senderKey(a), i);
      pending.push(i);
    });
    const client = await this.table.ready();
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const counter = this.counters.get(room) ?? (await this.readCounter(room));
      const batch = pending.map((i) => appends[i] as Pending);
      const seq = counter.seq + batch.length;
      const moveHint = seq - counter.hint >= HINT_EVERY;
      try {
        await submitBatch(client, this.operations(room, counter.seq, batch, moveHint));
        batch.forEach(({ message, body }, k) => {
          results[pending[k] as number] = {
            message: storedMessage(message, counter.seq + k + 1, body),
            duplicate: false,
          };
        });
        this.remember(room, { seq, hint: moveHint ? seq : counter.hint });
        pending = [];
      } catch (error) {
        // Whether it committed is unknown after a failure: look for the newest afresh next time.
        this.counters.delete(room);
        if (!isLostRace(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw tooMuchContention(`history append to ${room}`, attempt);
        // An id row that exists makes that append a duplicate, unless it carries this append's own
        // token: the batch committed and its reply was lost (the SDK's retry then met 409).
        if (isConflict(error)) pending = await this.dropStored(room, appends, pending, results);
      }
    }
    return appends.map((a, i) => {
      const own = results[i];
      if (own) return own;
      const first = results[firstById.get(senderKey(a)) ?? -1];
      if (!first) throw new Error('history batch lost track of an append');
      return { message: structuredClone(first.message), duplicate: true };
    });
  }

  private operations(
    room: string,
    after: number,
    batch: readonly Pending[],
    moveHint: boolean,
  ): BatchOperation[] {
    const partitionKey = partitionOf(room);
    const actions: BatchOperation[] = [];
    batch.forEach(({ message, body, token }, k) => {
      const seq = after + k + 1;
      const rowKey = idRow(message.from.userId, message.id);
      actions.push(['create', messageEntity(room, seq, message, body)]);
      actions.push(['create', { partitionKey, rowKey, seq: seqValue(seq), token }]);
    });
    // No ETag needed: a batch that commits holds its room's newest seqs, so the hint only grows.
    if (moveHint) {
      const row = { partitionKey, rowKey: COUNTER_ROW, seq: seqValue(after + batch.length) };
      actions.push(['upsert', row]);
    }
    return actions;
  }

  private remember(room: string, counter: Counter): void {
    this.counters.delete(room); // re-inserted last: the Map's order is least recently written first
    this.counters.set(room, counter);
    const oldest = this.counters.size > MAX_CACHED_ROOMS && this.counters.keys().next();
    if (oldest && !oldest.done) this.counters.delete(oldest.value);
  }

  private async readCounter(room: string): Promise<Counter> {
    const hint = await readHint(this.table, room);
    return { seq: await newestFrom(this.table, room, hint), hint };
  }

  /** Drops the appends already stored: by another append (duplicates) or by themselves. */
  private async dropStored(
    room: string,
    appends: readonly Pending[],
    pending: readonly number[],
    results: (AppendResult | undefined)[],
  ): Promise<number[]> {
    const stored = await Promise.all(
      pending.map((i) => {
        const { message } = appends[i] as Pending;
        return readById(this.table, room, message.from.userId, message.id);
      }),
    );
    return pending.filter((i, k) => {
      const found = stored[k];
      if (found) {
        const own = found.token === (appends[i] as Pending).token;
        results[i] = { message: found.message, duplicate: !own };
      }
      return !found;
    });
  }
}

// Appends to the history table. Per room, appends are batched into entity-group transactions
// that also move the `counter` row on its ETag, so seqs are gap-free and unique across instances.
import type { TableTransactionResponse, TransactionAction } from '@azure/data-tables';

import type { LazyTable } from '../storage/clients';
import { tooMuchContention } from '../storage/errors';
import { PartitionBatcher } from '../storage/partition-batcher';
import { isConflict, isLostRace, isNotFound, MAX_ATTEMPTS } from '../storage/table-errors';
import { storedMessage } from './body';
import {
  COUNTER_ROW,
  idRow,
  messageEntity,
  type MessageRow,
  messageRow,
  partitionOf,
  readSeq,
  seqValue,
  toStoredMessage,
} from './table-rows';
import type { AppendResult, NewMessage } from './types';

export interface Append {
  message: NewMessage;
  /** The body as JSON text, already size-checked. */
  body: string;
}

interface Counter {
  seq: number;
  /** Undefined while the room has no counter row yet. */
  etag: string | undefined;
}

// A transaction holds at most 100 operations: the counter plus a message row and an id row each.
const MAX_APPENDS = 49;
// A transaction body is at most 4 MiB; JSON escaping can triple a character in the worst case.
const MAX_BATCH_CHARS = 1_000_000;
// A forgotten counter costs one read on that room's next append.
const MAX_CACHED_ROOMS = 10_000;

export class HistoryWriter {
  // Cached between batches so that the common case is one round trip per batch.
  private readonly counters = new Map<string, Counter>();
  private readonly batcher = new PartitionBatcher<Append, AppendResult>({
    maxOps: MAX_APPENDS,
    weight: (a) => a.body.length + a.message.id.length * 2 + a.message.from.name.length + 200,
    maxWeight: MAX_BATCH_CHARS,
    flush: (room, appends) => this.flush(room, appends),
  });

  constructor(private readonly table: LazyTable) {}

  append(append: Append): Promise<AppendResult> {
    return this.batcher.push(append.message.room, append);
  }

  private async flush(room: string, appends: readonly Append[]): Promise<AppendResult[]> {
    const results: (AppendResult | undefined)[] = [];
    // The first of several appends with one id is written; the others are its duplicates.
    const firstById = new Map<string, number>();
    let pending: number[] = [];
    appends.forEach((a, i) => {
      if (firstById.has(a.message.id)) return;
      firstById.set(a.message.id, i);
      pending.push(i);
    });
    const client = await this.table.ready();
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const counter = this.counters.get(room) ?? (await this.readCounter(room));
      const batch = pending.map((i) => appends[i] as Append);
      try {
        const response = await client.submitTransaction(this.actions(room, counter, batch));
        batch.forEach(({ message, body }, k) => {
          results[pending[k] as number] = {
            message: storedMessage(message, counter.seq + k + 1, body),
            duplicate: false,
          };
        });
        this.remember(room, counter.seq + batch.length, response);
        pending = [];
      } catch (error) {
        // Whether it committed is unknown after a failure: read the counter afresh next time.
        this.counters.delete(room);
        if (!isLostRace(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw tooMuchContention(`history append to ${room}`, attempt);
        // An id row that exists makes that append a duplicate; look each one up.
        if (isConflict(error)) pending = await this.dropDuplicates(room, appends, pending, results);
      }
    }
    return appends.map((a, i) => {
      const own = results[i];
      if (own) return own;
      const first = results[firstById.get(a.message.id) ?? -1];
      if (!first) throw new Error('history batch lost track of an append');
      return { message: structuredClone(first.message), duplicate: true };
    });
  }

  private actions(room: string, counter: Counter, batch: readonly Append[]): TransactionAction[] {
    const partitionKey = partitionOf(room);
    const next = { partitionKey, rowKey: COUNTER_ROW, seq: seqValue(counter.seq + batch.length) };
    const actions: TransactionAction[] = [
      counter.etag === undefined
        ? ['create', next]
        : ['update', next, 'Replace', { etag: counter.etag }],
    ];
    batch.forEach(({ message, body }, k) => {
      const seq = counter.seq + k + 1;
      actions.push(['create', messageEntity(room, seq, message, body)]);
      actions.push(['create', { partitionKey, rowKey: idRow(message.id), seq: seqValue(seq) }]);
    });
    return actions;
  }

  private remember(room: string, seq: number, response: TableTransactionResponse): void {
    // Sub-responses come in operation order, and the counter is always the first operation (an
    // update's sub-response names no row key, so getResponseForEntity cannot find it).
    const etag = response.subResponses[0]?.etag;
    this.counters.delete(room); // re-inserted last: the Map's order is least recently written first
    if (etag) this.counters.set(room, { seq, etag });
    const oldest = this.counters.size > MAX_CACHED_ROOMS && this.counters.keys().next();
    if (oldest && !oldest.done) this.counters.delete(oldest.value);
  }

  async readCounter(room: string): Promise<Counter> {
    const client = await this.table.ready();
    try {
      const row = await client.getEntity(partitionOf(room), COUNTER_ROW);
      return { seq: readSeq(row), etag: row.etag };
    } catch (error) {
      if (isNotFound(error)) return { seq: 0, etag: undefined };
      throw error;
    }
  }

  private async dropDuplicates(
    room: string,
    appends: readonly Append[],
    pending: readonly number[],
    results: (AppendResult | undefined)[],
  ): Promise<number[]> {
    const stored = await Promise.all(
      pending.map((i) => this.readById(room, (appends[i] as Append).message.id)),
    );
    return pending.filter((i, k) => {
      const message = stored[k];
      if (message) results[i] = { message, duplicate: true };
      return !message;
    });
  }

  private async readById(room: string, id: string): Promise<AppendResult['message'] | undefined> {
    const client = await this.table.ready();
    const partitionKey = partitionOf(room);
    try {
      const seq = readSeq(await client.getEntity(partitionKey, idRow(id)));
      return toStoredMessage(
        room,
        await client.getEntity<MessageRow>(partitionKey, messageRow(seq)),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}

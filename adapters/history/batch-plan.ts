// What one history transaction writes for a run of messages and changes to one conversation: each
// message and each change the rules accept gets the next seq (an entry row and an id row); each
// target changed gets its row replaced once, as it ends up. Changes the rules refuse, or that
// change nothing, take no seq.
import { storedMessage } from '../../chat/history/body';
import { decideChange, storedChange } from '../../chat/history/changes';
import type {
  ChangeResult,
  NewChange,
  NewMessage,
  StoredEntry,
  StoredMessage,
} from '../../chat/history/types';
import { isChange } from '../../chat/history/types';
import type { LazyTable } from '../storage/clients';
import type { BatchOperation } from '../storage/entity-batch';
import type { MessageCache } from './message-cache';
import { readEntry } from './table-reads';
import { COUNTER_ROW, entryEntity, idRow, partitionOf, seqValue } from './table-rows';

export type Write =
  { kind: 'message'; message: NewMessage; body: string } | { kind: 'change'; change: NewChange };

/** Stored (now or before, by this id), or a change that took no seq. */
export type Outcome =
  { entry: StoredEntry; duplicate: boolean } | Exclude<ChangeResult, { kind: 'stored' }>;

export interface BatchPlan {
  operations: BatchOperation[];
  /** Per write, in order. */
  outcomes: Outcome[];
  /** The newest seq once committed. */
  seq: number;
  /** The messages created or changed, as they end up. */
  touched: StoredMessage[];
  /** The `counter` row moved to `seq`. */
  hint(): BatchOperation;
}

export async function planBatch(
  table: LazyTable,
  room: string,
  after: number,
  writes: readonly { write: Write; token: string }[],
  cache: MessageCache,
): Promise<BatchPlan> {
  const states = await loadTargets(table, room, after, writes, cache);
  const outcomes: Outcome[] = [];
  const created: { seq: number; token: string; from: string; id: string }[] = [];
  const changed = new Set<number>();
  let seq = after;
  for (const { write, token } of writes) {
    if (write.kind === 'message') {
      const entry = storedMessage(write.message, seq + 1, write.body);
      seq += 1;
      states.set(seq, entry);
      created.push({ seq, token, from: entry.from.userId, id: entry.id });
      outcomes.push({ entry, duplicate: false });
      continue;
    }
    const { change } = write;
    const decision = decideChange(states.get(change.target), change, seq + 1);
    if (decision.kind !== 'apply') {
      outcomes.push(decision);
      continue;
    }
    seq += 1;
    const entry = storedChange(change, seq);
    states.set(seq, entry);
    states.set(change.target, decision.message);
    changed.add(change.target);
    created.push({ seq, token, from: change.from.userId, id: change.id });
    outcomes.push({ entry, duplicate: false });
  }
  const partitionKey = partitionOf(room);
  const operations: BatchOperation[] = [];
  for (const c of created) {
    // A message created and changed in one batch is created as it ends up.
    operations.push(['create', entryEntity(room, states.get(c.seq) as StoredEntry)]);
    const rowKey = idRow(c.from, c.id);
    operations.push(['create', { partitionKey, rowKey, seq: seqValue(c.seq), token: c.token }]);
  }
  for (const target of changed) {
    if (target > after) continue;
    operations.push(['upsert', entryEntity(room, states.get(target) as StoredEntry)]);
  }
  const touched = [...states.values()].filter(
    (e): e is StoredMessage => !isChange(e) && (e.seq > after || changed.has(e.seq)),
  );
  return {
    operations,
    outcomes,
    seq,
    touched,
    // No ETag needed: a batch that commits holds its room's newest seqs, so the hint only grows.
    hint: () => ['upsert', { partitionKey, rowKey: COUNTER_ROW, seq: seqValue(seq) }],
  };
}

/** The stored targets of the changes (at or before `after`), from the cache or the table. */
async function loadTargets(
  table: LazyTable,
  room: string,
  after: number,
  writes: readonly { write: Write }[],
  cache: MessageCache,
): Promise<Map<number, StoredEntry>> {
  const states = new Map<number, StoredEntry>();
  const missing = new Set<number>();
  for (const { write } of writes) {
    if (write.kind !== 'change' || write.change.target > after) continue;
    const cached = cache.get(room, after, write.change.target);
    if (cached) states.set(cached.seq, cached);
    else missing.add(write.change.target);
  }
  const read = await Promise.all([...missing].map((s) => readEntry(table, room, s)));
  for (const entry of read) if (entry) states.set(entry.seq, entry);
  return states;
}

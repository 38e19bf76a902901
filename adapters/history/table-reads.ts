// Reads of the history table shared by the writer and the store: the `counter` hint, the newest
// seq past it, ranges of entry rows, an entry by its seq, and an entry by its id.
import { odata } from '@azure/data-tables';

import type { StoredEntry } from '../../chat/history/types';
import type { LazyTable } from '../storage/clients';
import { isNotFound } from '../storage/table-errors';
import {
  COUNTER_ROW,
  idRow,
  MESSAGE_ROWS_END,
  type MessageRow,
  messageRow,
  partitionOf,
  readSeq,
  seqOfRow,
  toStoredEntry,
} from './table-rows';

/** The `counter` row: a seq at most a few dozen behind the newest (0 when there is none yet). */
export async function readHint(table: LazyTable, room: string): Promise<number> {
  const client = await table.ready();
  try {
    return readSeq(await client.getEntity(partitionOf(room), COUNTER_ROW));
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
}

/** The newest seq stored, looking only at message rows after `from` (keys only). */
export async function newestFrom(table: LazyTable, room: string, from: number): Promise<number> {
  const client = await table.ready();
  let newest = from;
  const rows = client.listEntities({
    queryOptions: { filter: rowsFilter(room, from), select: ['RowKey'] },
  });
  for await (const row of rows) newest = Math.max(newest, seqOfRow(row.rowKey));
  return newest;
}

/** Entries with after < seq <= upTo (to the newest when upTo is undefined), oldest first. */
export async function readEntries(
  table: LazyTable,
  room: string,
  after: number,
  upTo?: number,
): Promise<StoredEntry[]> {
  if (upTo !== undefined && upTo <= after) return [];
  const client = await table.ready();
  const messages: StoredEntry[] = [];
  // Callers bound the range (upTo, or the hint's lag), so continuation tokens end soon.
  const rows = client.listEntities<MessageRow>({
    queryOptions: { filter: rowsFilter(room, after, upTo) },
  });
  for await (const row of rows) messages.push(toStoredEntry(room, row));
  return messages;
}

/** The entry at `seq`, or undefined. */
export async function readEntry(
  table: LazyTable,
  room: string,
  seq: number,
): Promise<StoredEntry | undefined> {
  const client = await table.ready();
  try {
    return toStoredEntry(
      room,
      await client.getEntity<MessageRow>(partitionOf(room), messageRow(seq)),
    );
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The entry `userId` stored under `id` in `room` and the token of the append that wrote it, or
 * undefined (the idempotency index, then the row).
 */
export async function readById(
  table: LazyTable,
  room: string,
  userId: string,
  id: string,
): Promise<{ entry: StoredEntry; token: string | undefined } | undefined> {
  const client = await table.ready();
  const partitionKey = partitionOf(room);
  try {
    const index = await client.getEntity(partitionKey, idRow(userId, id));
    const seq = readSeq(index);
    const row = await client.getEntity<MessageRow>(partitionKey, messageRow(seq));
    const token = typeof index.token === 'string' ? index.token : undefined;
    return { entry: toStoredEntry(room, row), token };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function rowsFilter(room: string, after: number, upTo?: number): string {
  const from = odata`PartitionKey eq ${partitionOf(room)} and RowKey gt ${messageRow(after)}`;
  return upTo === undefined
    ? `${from} and ${odata`RowKey lt ${MESSAGE_ROWS_END}`}`
    : `${from} and ${odata`RowKey le ${messageRow(upTo)}`}`;
}

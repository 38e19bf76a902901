// Row layout of the history table: partition = room; `m-<seq>` a message, `id-<id>` the seq a
// message id got (the idempotency index, per sender: `id-<userId>-<id>` with both escaped, so one
// sender's ids never clash with another's, with the token of the append that wrote it), `counter` a
// recent seq to look for the latest one from.
import type { TableEntityResult } from '@azure/data-tables';

import { decodeBody } from '../../chat/history/body';
import type { StoredMessage } from '../../chat/history/types';
import type { BatchEntity } from '../storage/entity-batch';
import { padSeq, tableKey } from '../storage/keys';

export const COUNTER_ROW = 'counter';
const MESSAGE_PREFIX = 'm-';
/** Sorts after every `m-<seq>` row: the exclusive upper bound of the message rows. */
export const MESSAGE_ROWS_END = 'm.';

export interface MessageRow {
  id: string;
  userId: string;
  name: string;
  /** JSON text of the body. */
  body: string;
  ts: string;
}

// Int64 on the wire: an untyped JSON number would be stored as Int32.
export interface SeqRow {
  seq: { value: string; type: 'Int64' };
}

export const partitionOf = (room: string): string => tableKey(room);
export const messageRow = (seq: number): string => `${MESSAGE_PREFIX}${padSeq(seq)}`;
// The user id's `-` is escaped too (tableKey already escapes `%`), so the pair stays injective.
export const idRow = (userId: string, id: string): string =>
  `id-${tableKey(userId).replace(/-/g, '%2d')}-${tableKey(id)}`;

export function seqValue(seq: number): SeqRow['seq'] {
  return { value: String(seq), type: 'Int64' };
}

/** Int64 reads back as a bigint; tolerate numbers and strings too. */
export function readSeq(entity: Record<string, unknown>): number {
  const raw = entity.seq;
  const seq =
    typeof raw === 'bigint' || typeof raw === 'number' || typeof raw === 'string'
      ? Number(raw)
      : NaN;
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new Error(`bad seq in history row: ${String(raw)}`);
  return seq;
}

export function messageEntity(
  room: string,
  seq: number,
  message: Omit<StoredMessage, 'seq' | 'body'>,
  body: string,
): BatchEntity {
  return {
    partitionKey: partitionOf(room),
    rowKey: messageRow(seq),
    id: message.id,
    userId: message.from.userId,
    name: message.from.name,
    body,
    ts: message.ts,
  };
}

export const seqOfRow = (rowKey: string | undefined): number =>
  Number(rowKey?.slice(MESSAGE_PREFIX.length));

export function toStoredMessage(room: string, row: TableEntityResult<MessageRow>): StoredMessage {
  return {
    id: row.id,
    room,
    seq: seqOfRow(row.rowKey),
    from: { userId: row.userId, name: row.name },
    body: decodeBody(row.body),
    ts: row.ts,
  };
}

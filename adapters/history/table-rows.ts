// Row layout of the history table: partition = conversation; `m-<seq>` an entry (a message with
// its folded state, or a change: `kind` set), `id-<id>` the seq a
// message id got (the idempotency index, per sender: `id-<userId>-<id>` with both escaped, so one
// sender's ids never clash with another's, with the token of the append that wrote it), `counter` a
// recent seq to look for the latest one from.
import type { TableEntityResult } from '@azure/data-tables';

import { decodeBody, encodeBody } from '../../chat/history/body';
import type { StoredChange, StoredEntry, StoredMessage } from '../../chat/history/types';
import { REACTIONS } from '../../chat-contract/limits';
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
  /** JSON text of the body (of an edit's new body; absent on other changes). */
  body?: string;
  ts: string;
  /** Folded state of a message. */
  version?: bigint | number | string;
  edited?: string;
  deleted?: string;
  /** JSON text: reaction name → user ids. */
  reactions?: string;
  /** A change: its kind, target seq and, for a reaction, which and whether on. */
  kind?: string;
  target?: bigint | number | string;
  reaction?: string;
  on?: string;
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
  const { version, edited, deleted, reactions } = message;
  return {
    partitionKey: partitionOf(room),
    rowKey: messageRow(seq),
    id: message.id,
    userId: message.from.userId,
    name: message.from.name,
    body,
    ts: message.ts,
    ...(version !== undefined ? { version: seqValue(version) } : {}),
    ...(edited !== undefined ? { edited } : {}),
    ...(deleted ? { deleted: 'true' } : {}),
    ...(reactions ? { reactions: JSON.stringify(reactions) } : {}),
  };
}

/** The row of any entry: a message (its body encoded again) or a change. */
export function entryEntity(room: string, entry: StoredEntry): BatchEntity {
  if (!('kind' in entry)) return messageEntity(room, entry.seq, entry, encodeBody(entry.body));
  return {
    partitionKey: partitionOf(room),
    rowKey: messageRow(entry.seq),
    kind: entry.kind,
    id: entry.id,
    userId: entry.from.userId,
    name: entry.from.name,
    ts: entry.ts,
    target: seqValue(entry.target),
    ...(entry.kind === 'edit' ? { body: encodeBody(entry.body) } : {}),
    ...(entry.kind === 'reaction' ? { reaction: entry.reaction, on: String(entry.on) } : {}),
  };
}

export const seqOfRow = (rowKey: string | undefined): number =>
  Number(rowKey?.slice(MESSAGE_PREFIX.length));

export function toStoredEntry(room: string, row: TableEntityResult<MessageRow>): StoredEntry {
  const head = {
    id: row.id,
    room,
    seq: seqOfRow(row.rowKey),
    from: { userId: row.userId, name: row.name },
    ts: row.ts,
  };
  if (row.kind !== undefined) return toChange(head, row);
  return {
    ...head,
    body: decodeBody(row.body ?? 'null'),
    ...(row.version !== undefined ? { version: readSeq({ seq: row.version }) } : {}),
    ...(row.edited !== undefined ? { edited: row.edited } : {}),
    ...(row.deleted === 'true' ? { deleted: true as const } : {}),
    ...(row.reactions !== undefined
      ? { reactions: JSON.parse(row.reactions) as StoredMessage['reactions'] }
      : {}),
  };
}

function toChange(
  head: Omit<StoredChange, 'kind' | 'target'>,
  row: TableEntityResult<MessageRow>,
): StoredChange {
  const target = readSeq({ seq: row.target });
  if (row.kind === 'edit')
    return { ...head, target, kind: 'edit', body: decodeBody(row.body ?? 'null') };
  if (row.kind === 'delete') return { ...head, target, kind: 'delete' };
  const reaction = REACTIONS.find((r) => r === row.reaction);
  if (!reaction) throw new Error(`bad reaction in history row: ${String(row.reaction)}`);
  return { ...head, target, kind: 'reaction', reaction, on: row.on === 'true' };
}

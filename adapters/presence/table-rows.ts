// Row layout of the presence table. Partition `conn`: one row per connection {userId, name, rooms}.
// Partition `room-<room>`: `head` {members} plus one `u-<userId>` row per member {connections}.
// Every write to a room partition also moves `head` on its ETag, so `head` versions the room.
import type { TableEntityResult } from '@azure/data-tables';

import type { ConnectionInfo } from '../../chat/presence/types';
import { isRoomName } from '../../chat-contract/limits';
import { tableKey } from '../storage/keys';

export const CONN_PARTITION = 'conn';
export const HEAD_ROW = 'head';
const MEMBER_PREFIX = 'u-';

export interface ConnRow {
  connectionId: string;
  userId: string;
  name: string;
  /** JSON array of room names. */
  rooms: string;
  /** Set by `disconnect` before it leaves the rooms, so no join can slip in meanwhile. */
  closing?: boolean;
}

export interface MemberRow {
  userId: string;
  name: string;
  /** JSON array of connection ids. */
  connections: string;
}

export interface HeadRow {
  members: number;
}

export const connRow = (connectionId: string): string => tableKey(connectionId);
export const roomPartition = (room: string): string => `room-${tableKey(room)}`;
/** The room of a room partition; undefined for a name `tableKey` escaped or hashed (not a room). */
export function roomOfPartition(partitionKey: string): string | undefined {
  const key = partitionKey.startsWith('room-') ? partitionKey.slice('room-'.length) : '';
  return isRoomName(key) ? key : undefined;
}
export const memberRow = (userId: string): string => `${MEMBER_PREFIX}${tableKey(userId)}`;
/** RowKey bounds of the member rows: every key that starts with `u-`. */
export const MEMBER_RANGE = { from: MEMBER_PREFIX, to: 'u.' } as const;

export function strings(json: string | undefined): string[] {
  const value: unknown = json ? JSON.parse(json) : [];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function toConnectionInfo(row: TableEntityResult<ConnRow>): ConnectionInfo {
  return {
    connectionId: row.connectionId,
    userId: row.userId,
    name: row.name,
    rooms: strings(row.rooms),
  };
}

// Writes joins and leaves to room partitions. Per room they are batched: one read of the rows
// involved, the multi-device rules applied in memory, one transaction guarded by `head`'s ETag.
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';

import { applyRoomOp, type RoomOp, type RoomState } from '../../chat/presence/room-state';
import type { RoomChange } from '../../chat/presence/types';
import { tooMuchContention } from '../../chat/store-errors';
import type { LazyTable } from '../storage/clients';
import { PartitionBatcher } from '../storage/partition-batcher';
import { isLostRace, isNotFound, MAX_ATTEMPTS } from '../storage/table-errors';
import {
  HEAD_ROW,
  type HeadRow,
  type MemberRow,
  memberRow,
  roomPartition,
  strings,
} from './table-rows';

// A transaction holds at most 100 operations: `head` plus one member row per operation.
const MAX_OPS = 99;

export class RoomWriter {
  private readonly batcher = new PartitionBatcher<RoomOp, RoomChange>({
    maxOps: MAX_OPS,
    flush: (room, ops) => this.flush(room, ops),
  });

  constructor(private readonly table: LazyTable) {}

  apply(room: string, op: RoomOp): Promise<RoomChange> {
    return this.batcher.push(room, op);
  }

  private async flush(room: string, ops: readonly RoomOp[]): Promise<RoomChange[]> {
    const client = await this.table.ready();
    const partitionKey = roomPartition(room);
    const userIds = [...new Set(ops.map((op) => op.userId))];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      // Not a snapshot, but the transaction's If-Match on `head` rejects any mix of versions.
      const [head, ...rows] = await Promise.all([
        read<HeadRow>(client, partitionKey, HEAD_ROW),
        ...userIds.map((userId) => read<MemberRow>(client, partitionKey, memberRow(userId))),
      ]);
      const state: RoomState = { members: new Map(), count: head?.members ?? 0 };
      rows.forEach((row) => {
        if (row)
          state.members.set(row.userId, { name: row.name, connections: strings(row.connections) });
      });
      const changes = ops.map((op) => applyRoomOp(room, state, op));
      const actions: TransactionAction[] = [];
      userIds.forEach((userId, k) => {
        const row = rows[k];
        const member = state.members.get(userId);
        const connections = member && JSON.stringify(member.connections);
        if (connections === row?.connections) return;
        const keys = { partitionKey, rowKey: memberRow(userId) };
        if (!member) actions.push(['delete', keys]);
        else {
          const entity = { ...keys, userId, name: member.name, connections };
          actions.push(
            row ? ['update', entity, 'Replace', { etag: row.etag }] : ['create', entity],
          );
        }
      });
      if (actions.length === 0) return changes;
      const next = { partitionKey, rowKey: HEAD_ROW, members: state.count };
      actions.unshift(head ? ['update', next, 'Replace', { etag: head.etag }] : ['create', next]);
      try {
        await client.submitTransaction(actions);
        return changes;
      } catch (error) {
        if (!isLostRace(error)) throw error;
      }
    }
    throw tooMuchContention(`presence update of room ${room}`, MAX_ATTEMPTS);
  }
}

async function read<T extends object>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

// ReadStateStore on Azure Table Storage: partition = user, one row per conversation with its read
// position and whether it was left. Positions move forward only, by an ETag-checked update (a race
// re-reads and retries), which also keeps a left mark set meanwhile.
import type { TableEntityResult } from '@azure/data-tables';
import { odata } from '@azure/data-tables';

import type { PositionRef, ReadPosition, ReadStateStore } from '../../chat/reads/types';
import { tooMuchContention } from '../../chat/store-errors';
import type { LazyTable } from '../storage/clients';
import { tableKey } from '../storage/keys';
import { isLostRace, isNotFound, MAX_ATTEMPTS } from '../storage/table-errors';

interface ReadRow {
  room?: string;
  dm?: string;
  all?: boolean;
  key: string;
  readSeq: bigint | number | string;
  left?: boolean;
}

const seqValue = (seq: number) => ({ value: String(seq), type: 'Int64' as const });

export class TableReadStateStore implements ReadStateStore {
  constructor(private readonly table: LazyTable) {}

  async markRead(
    userId: string,
    conversation: PositionRef,
    key: string,
    seq: number,
  ): Promise<number> {
    const client = await this.table.ready();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const row = await this.row(userId, key);
      try {
        if (!row) {
          await client.createEntity(entity(userId, conversation, key, seq));
          return seq;
        }
        const current = readSeqOf(row);
        if (seq <= current) return current;
        await client.updateEntity(
          { ...entity(userId, conversation, key, seq), left: row.left === true },
          'Replace',
          { etag: row.etag },
        );
        return seq;
      } catch (error) {
        if (!isLostRace(error)) throw error;
      }
    }
    throw tooMuchContention(`read position of ${userId}`, MAX_ATTEMPTS);
  }

  async get(userId: string, key: string): Promise<number> {
    const row = await this.row(userId, key);
    return row ? readSeqOf(row) : 0;
  }

  async track(userId: string, conversation: PositionRef, key: string): Promise<void> {
    const client = await this.table.ready();
    const row = await this.row(userId, key);
    if (row?.left === true) return this.markLeft(userId, key, false);
    if (row) return;
    try {
      await client.createEntity(entity(userId, conversation, key, 0));
    } catch (error) {
      if (!isLostRace(error)) throw error; // 409: the row is there, its position stays
    }
  }

  async leave(userId: string, key: string): Promise<void> {
    if (await this.row(userId, key)) await this.markLeft(userId, key, true);
  }

  /** A Merge of the mark alone: a concurrent position update's ETag check sees it. */
  private async markLeft(userId: string, key: string, left: boolean): Promise<void> {
    const client = await this.table.ready();
    try {
      await client.updateEntity(
        { partitionKey: tableKey(userId), rowKey: tableKey(key), left },
        'Merge',
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async list(userId: string): Promise<ReadPosition[]> {
    const client = await this.table.ready();
    const positions: ReadPosition[] = [];
    const rows = client.listEntities<ReadRow>({
      queryOptions: { filter: odata`PartitionKey eq ${tableKey(userId)}` },
    });
    for await (const row of rows) {
      const conversation: PositionRef =
        row.room !== undefined
          ? { room: row.room }
          : row.all === true
            ? { all: true }
            : { user: row.dm ?? '' };
      positions.push({
        conversation,
        key: row.key,
        readSeq: readSeqOf(row),
        left: row.left === true,
      });
    }
    return positions;
  }

  private async row(userId: string, key: string): Promise<TableEntityResult<ReadRow> | undefined> {
    const client = await this.table.ready();
    try {
      return await client.getEntity<ReadRow>(tableKey(userId), tableKey(key));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}

function entity(userId: string, conversation: PositionRef, key: string, seq: number) {
  return {
    partitionKey: tableKey(userId),
    rowKey: tableKey(key),
    key,
    ...('room' in conversation
      ? { room: conversation.room }
      : 'all' in conversation
        ? { all: true }
        : { dm: conversation.user }),
    readSeq: seqValue(seq),
  };
}

function readSeqOf(row: { readSeq: bigint | number | string }): number {
  const seq = Number(row.readSeq);
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : 0;
}

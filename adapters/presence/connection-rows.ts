// The `conn` partition: one row per live connection and the rooms it is in. Its room list is
// written before a join and after a leave, so it always covers the rooms disconnect must leave.
import { odata, type TableEntityResult } from '@azure/data-tables';

import { tooMuchContention, unknownConnection } from '../../chat/store-errors';
import type { LazyTable } from '../storage/clients';
import { isConflict, isLostRace, isNotFound, MAX_ATTEMPTS } from '../storage/table-errors';
import { CONN_PARTITION, type ConnRow, connRow, strings } from './table-rows';

type Row = TableEntityResult<ConnRow>;

export class ConnectionRows {
  constructor(private readonly table: LazyTable) {}

  async create(connectionId: string, userId: string, name: string): Promise<void> {
    const client = await this.table.ready();
    const row = { connectionId, userId, name, rooms: '[]' };
    try {
      await client.createEntity({
        partitionKey: CONN_PARTITION,
        rowKey: connRow(connectionId),
        ...row,
      });
    } catch (error) {
      if (!isConflict(error)) throw error; // connected twice: keep the rooms it has
    }
  }

  async read(connectionId: string): Promise<Row | undefined> {
    const client = await this.table.ready();
    try {
      return await client.getEntity<ConnRow>(CONN_PARTITION, connRow(connectionId));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(): Promise<Row[]> {
    const client = await this.table.ready();
    const rows: Row[] = [];
    const filter = odata`PartitionKey eq ${CONN_PARTITION}`;
    for await (const row of client.listEntities<ConnRow>({ queryOptions: { filter } }))
      rows.push(row);
    return rows;
  }

  /** Adds the room before the join is written; fails for unknown or closing connections. */
  async addRoom(connectionId: string, room: string): Promise<Row> {
    const row = await this.change(connectionId, (current) => {
      if (!current || current.closing) throw unknownConnection(connectionId);
      const rooms = strings(current.rooms);
      return rooms.includes(room) ? undefined : { rooms: [...rooms, room] };
    });
    if (!row) throw unknownConnection(connectionId);
    return row;
  }

  removeRoom(connectionId: string, room: string): Promise<Row | undefined> {
    return this.change(connectionId, (row) => {
      const rooms = strings(row?.rooms);
      return rooms.includes(room) ? { rooms: rooms.filter((r) => r !== room) } : undefined;
    });
  }

  /** Marks the row closing (joins now fail) and returns it with the rooms to leave. */
  close(connectionId: string): Promise<Row | undefined> {
    return this.change(connectionId, (row) => (row?.closing ? undefined : { closing: true }));
  }

  /** Deletes the row unless it changed since `row` was read (then false: read it again). */
  async delete(row: Row): Promise<boolean> {
    const client = await this.table.ready();
    try {
      await client.deleteEntity(CONN_PARTITION, connRow(row.connectionId), { etag: row.etag });
      return true;
    } catch (error) {
      if (isNotFound(error)) return true;
      if (isLostRace(error)) return false;
      throw error;
    }
  }

  /** Read-modify-write on the row's ETag; `edit` returns undefined to leave it as it is. */
  private async change(
    connectionId: string,
    edit: (row: Row | undefined) => { rooms?: string[]; closing?: true } | undefined,
  ): Promise<Row | undefined> {
    const client = await this.table.ready();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const row = await this.read(connectionId);
      const patch = edit(row);
      if (!row || !patch) return row;
      const next: ConnRow = {
        connectionId: row.connectionId,
        userId: row.userId,
        name: row.name,
        rooms: patch.rooms ? JSON.stringify(patch.rooms) : row.rooms,
        ...((patch.closing ?? row.closing) && { closing: true }),
      };
      const keys = { partitionKey: CONN_PARTITION, rowKey: connRow(connectionId) };
      try {
        const { etag } = await client.updateEntity({ ...keys, ...next }, 'Replace', {
          etag: row.etag,
        });
        return { ...row, ...next, etag: etag ?? row.etag };
      } catch (error) {
        if (!isLostRace(error)) throw error;
      }
    }
    throw tooMuchContention(`presence update of connection ${connectionId}`, MAX_ATTEMPTS);
  }
}

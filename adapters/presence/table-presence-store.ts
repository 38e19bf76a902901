// PresenceStore on Azure Table Storage: connection rows (see ConnectionRows) and room partitions
// (see RoomWriter), written in an order that lets a racing join and disconnect leave no ghost.
import { odata } from '@azure/data-tables';

import type { RoomOp } from '../../chat/presence/room-state';
import type { ConnectionInfo, Member, PresenceStore, RoomChange } from '../../chat/presence/types';
import type { LazyTable } from '../storage/clients';
import { ConnectionRows } from './connection-rows';
import { RoomWriter } from './room-writer';
import {
  HEAD_ROW,
  type HeadRow,
  MEMBER_RANGE,
  type MemberRow,
  roomOfPartition,
  roomPartition,
  strings,
  toConnectionInfo,
} from './table-rows';

export class TablePresenceStore implements PresenceStore {
  private readonly conns: ConnectionRows;
  private readonly rooms: RoomWriter;

  /** `table`: `createStorageClients(connection).table(name)`; the table is created on first use. */
  constructor(private readonly table: LazyTable) {
    this.conns = new ConnectionRows(table);
    this.rooms = new RoomWriter(table);
  }

  connect(connectionId: string, userId: string, name: string): Promise<void> {
    return this.conns.create(connectionId, userId, name);
  }

  async join(connectionId: string, room: string): Promise<RoomChange> {
    const conn = await this.conns.addRoom(connectionId, room);
    const op: RoomOp = { kind: 'join', connectionId, userId: conn.userId, name: conn.name };
    const change = await this.rooms.apply(room, op);
    // A disconnect that began meanwhile may have left this room before our join landed.
    const now = await this.conns.read(connectionId);
    if (now && !now.closing) return change;
    await this.rooms.apply(room, { ...op, kind: 'leave' });
    return { room };
  }

  async leave(connectionId: string, room: string): Promise<RoomChange> {
    const conn = await this.conns.read(connectionId);
    if (!conn) return { room };
    const op: RoomOp = { kind: 'leave', connectionId, userId: conn.userId, name: conn.name };
    const change = await this.rooms.apply(room, op);
    await this.conns.removeRoom(connectionId, room);
    return change;
  }

  async disconnect(connectionId: string): Promise<RoomChange[]> {
    const changes = new Map<string, RoomChange>();
    // Closing first makes joins fail; delete only if the row did not change while we left.
    for (;;) {
      const conn = await this.conns.close(connectionId);
      if (!conn) return [...changes.values()];
      const op: RoomOp = { kind: 'leave', connectionId, userId: conn.userId, name: conn.name };
      const rooms = strings(conn.rooms);
      const left = await Promise.all(rooms.map((room) => this.rooms.apply(room, op)));
      left.forEach((change) => {
        const earlier = changes.get(change.room);
        if (!earlier || change.member || change.occupancy) changes.set(change.room, change);
      });
      if (await this.conns.delete(conn)) return [...changes.values()];
    }
  }

  async members(room: string): Promise<Member[]> {
    const client = await this.table.ready();
    const filter = odata`PartitionKey eq ${roomPartition(room)} and RowKey ge ${MEMBER_RANGE.from} and RowKey lt ${MEMBER_RANGE.to}`;
    const members: Member[] = [];
    for await (const row of client.listEntities<MemberRow>({ queryOptions: { filter } })) {
      const connections = strings(row.connections).length;
      if (connections > 0) members.push({ userId: row.userId, name: row.name, connections });
    }
    return members.sort((a, b) => compare(a.userId, b.userId));
  }

  async occupiedRooms(): Promise<{ room: string; members: number }[]> {
    const client = await this.table.ready();
    // Every room partition's `head`: a scan of the table's heads, one row per room ever used.
    const filter = odata`RowKey eq ${HEAD_ROW} and members gt 0`;
    const rooms: { room: string; members: number }[] = [];
    for await (const row of client.listEntities<HeadRow>({ queryOptions: { filter } })) {
      const room = roomOfPartition(row.partitionKey ?? '');
      if (room !== undefined) rooms.push({ room, members: Number(row.members) });
    }
    return rooms.sort((a, b) => compare(a.room, b.room));
  }

  async connection(connectionId: string): Promise<ConnectionInfo | undefined> {
    const row = await this.conns.read(connectionId);
    return row && toConnectionInfo(row);
  }

  async connections(): Promise<ConnectionInfo[]> {
    const rows = await this.conns.list();
    return rows.map(toConnectionInfo).sort((a, b) => compare(a.connectionId, b.connectionId));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

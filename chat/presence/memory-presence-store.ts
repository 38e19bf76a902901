// In-memory PresenceStore with the Table store's semantics, for unit tests of code that uses one.
import { settle } from '../settle';
import { unknownConnection } from '../store-errors';
import { applyRoomOp, type RoomOp, type RoomState } from './room-state';
import type { ConnectionInfo, Member, PresenceStore, RoomChange } from './types';

interface Connection {
  userId: string;
  name: string;
  rooms: string[];
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly conns = new Map<string, Connection>();
  private readonly rooms = new Map<string, RoomState>();

  connect(connectionId: string, userId: string, name: string): Promise<void> {
    return settle(() => {
      if (!this.conns.has(connectionId)) this.conns.set(connectionId, { userId, name, rooms: [] });
    });
  }

  join(connectionId: string, room: string): Promise<RoomChange> {
    return settle(() => {
      const conn = this.conns.get(connectionId);
      if (!conn) throw unknownConnection(connectionId);
      if (!conn.rooms.includes(room)) conn.rooms.push(room);
      return this.apply(room, { kind: 'join', connectionId, userId: conn.userId, name: conn.name });
    });
  }

  leave(connectionId: string, room: string): Promise<RoomChange> {
    return settle(() => this.leaveNow(connectionId, room));
  }

  disconnect(connectionId: string): Promise<RoomChange[]> {
    return settle(() => {
      const conn = this.conns.get(connectionId);
      if (!conn) return [];
      const changes = [...conn.rooms].map((room) => this.leaveNow(connectionId, room));
      this.conns.delete(connectionId);
      return changes;
    });
  }

  members(room: string): Promise<Member[]> {
    return settle(() =>
      [...(this.rooms.get(room)?.members ?? [])]
        .map(([userId, m]) => ({ userId, name: m.name, connections: m.connections.length }))
        .sort((a, b) => compare(a.userId, b.userId)),
    );
  }

  connection(connectionId: string): Promise<ConnectionInfo | undefined> {
    return settle(() => {
      const conn = this.conns.get(connectionId);
      return conn && info(connectionId, conn);
    });
  }

  occupiedRooms(): Promise<{ room: string; members: number }[]> {
    return settle(() =>
      [...this.rooms]
        .filter(([, state]) => state.count > 0)
        .map(([room, state]) => ({ room, members: state.count }))
        .sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0)),
    );
  }

  connections(): Promise<ConnectionInfo[]> {
    return settle(() =>
      [...this.conns]
        .map(([id, conn]) => info(id, conn))
        .sort((a, b) => compare(a.connectionId, b.connectionId)),
    );
  }

  private leaveNow(connectionId: string, room: string): RoomChange {
    const conn = this.conns.get(connectionId);
    if (!conn) return { room };
    conn.rooms = conn.rooms.filter((r) => r !== room);
    return this.apply(room, { kind: 'leave', connectionId, userId: conn.userId, name: conn.name });
  }

  private apply(room: string, op: RoomOp): RoomChange {
    let state = this.rooms.get(room);
    if (!state) {
      state = { members: new Map(), count: 0 };
      this.rooms.set(room, state);
    }
    const change = applyRoomOp(room, state, op);
    if (state.count === 0) this.rooms.delete(room);
    return change;
  }
}

function info(connectionId: string, conn: Connection): ConnectionInfo {
  return { connectionId, userId: conn.userId, name: conn.name, rooms: [...conn.rooms] };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

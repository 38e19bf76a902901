// The multi-device rules of a room, as one pure step shared by every PresenceStore: a user is a
// member while at least one of their connections is in the room.
import type { RoomChange } from './types';

export interface MemberState {
  name: string;
  connections: string[];
}

export interface RoomState {
  /** Members, by user id (users with no connection in the room are absent). */
  members: Map<string, MemberState>;
  /** How many members the whole room has (may exceed `members` when only some were loaded). */
  count: number;
}

export interface RoomOp {
  kind: 'join' | 'leave';
  connectionId: string;
  userId: string;
  name: string;
}

/** Applies one join or leave in place and says what it meant for the room. Idempotent. */
export function applyRoomOp(room: string, state: RoomState, op: RoomOp): RoomChange {
  const member = state.members.get(op.userId);
  const present = member?.connections.includes(op.connectionId) ?? false;
  if (op.kind === 'join') {
    if (present) return { room };
    if (member) {
      member.connections.push(op.connectionId);
      member.name = op.name;
      return { room };
    }
    state.members.set(op.userId, { name: op.name, connections: [op.connectionId] });
    state.count += 1;
    return edge(room, 'added', op.userId, op.name, state.count === 1 ? 'occupied' : undefined);
  }
  if (!member || !present) return { room };
  member.connections = member.connections.filter((c) => c !== op.connectionId);
  if (member.connections.length > 0) return { room };
  state.members.delete(op.userId);
  state.count = Math.max(0, state.count - 1);
  return edge(room, 'removed', op.userId, member.name, state.count === 0 ? 'vacated' : undefined);
}

function edge(
  room: string,
  kind: 'added' | 'removed',
  userId: string,
  name: string,
  occupancy: RoomChange['occupancy'],
): RoomChange {
  const change: RoomChange = { room, member: { kind, userId, name } };
  if (occupancy) change.occupancy = occupancy;
  return change;
}

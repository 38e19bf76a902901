// Presence: who is connected, and who is in which room, multi-device aware (a user with two tabs
// is one member). Changes report the room-level consequences so callers can announce them.

export interface Member {
  userId: string;
  name: string;
  /** How many of the user's connections are in the room. */
  connections: number;
}

export interface RoomChange {
  room: string;
  /** The user's first connection joined (member_added) or last one left (member_removed). */
  member?: { kind: 'added' | 'removed'; userId: string; name: string };
  /** The room went from no members to one (occupied) or from one to none (vacated). */
  occupancy?: 'occupied' | 'vacated';
}

export interface ConnectionInfo {
  connectionId: string;
  userId: string;
  name: string;
  rooms: string[];
}

export interface PresenceStore {
  /** Records a live connection (on `connected`). */
  connect(connectionId: string, userId: string, name: string): Promise<void>;
  /** Adds a connection to a room; idempotent. */
  join(connectionId: string, room: string): Promise<RoomChange>;
  /** Removes a connection from a room; idempotent. */
  leave(connectionId: string, room: string): Promise<RoomChange>;
  /** Forgets a connection and leaves all its rooms (on `disconnected`, or for a ghost). */
  disconnect(connectionId: string): Promise<RoomChange[]>;
  members(room: string): Promise<Member[]>;
  connection(connectionId: string): Promise<ConnectionInfo | undefined>;
  /** Rooms with members now, with how many (occupancy), by name. */
  occupiedRooms(): Promise<{ room: string; members: number }[]>;
  /** Every connection the store believes is live (for reconciliation). */
  connections(): Promise<ConnectionInfo[]>;
}

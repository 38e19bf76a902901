// Server → client payloads (PROTOCOL.md): every one is a JSON object with a `type`.
import type { StoredMessage } from './history/types';

export interface Sender {
  userId: string;
  name: string;
}

export const roomMessage = (m: StoredMessage) => ({
  type: 'message' as const,
  room: m.room,
  seq: m.seq,
  id: m.id,
  from: m.from,
  body: m.body,
  ts: m.ts,
});

export const directMessage = (
  id: string,
  from: Sender,
  to: { user: string } | { all: true },
  body: unknown,
  ts: string,
) => ({
  type: 'message' as const,
  id,
  from,
  to,
  body,
  ts,
});

export const memberEvent = (kind: 'added' | 'removed', room: string, user: Sender) => ({
  type: kind === 'added' ? ('member_added' as const) : ('member_removed' as const),
  room,
  user,
});

export const notification = (n: {
  title: string;
  body?: string;
  level?: string;
  room?: string;
}) => ({
  type: 'notification' as const,
  ...n,
});

/** Pusher-style occupancy webhook events, put on the occupancy queue. */
export const occupancyEvent = (kind: 'occupied' | 'vacated', room: string, ts: string) => ({
  name: kind === 'occupied' ? ('room_occupied' as const) : ('room_vacated' as const),
  room,
  ts,
});

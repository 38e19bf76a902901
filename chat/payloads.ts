// Builders of the server → client payloads and queue events the chat sends, typed by the chat
// contract, so a payload that drifts from PROTOCOL.md does not compile.
import type {
  DirectMessage,
  HistoryMessage,
  MemberEvent,
  NotificationPayload,
  RoomMessage,
  UserRef,
} from '../chat-contract/payloads';
import type { OccupancyEvent } from '../chat-contract/server-api';

export const roomMessage = (m: HistoryMessage): RoomMessage => ({
  type: 'message',
  room: m.room,
  seq: m.seq,
  id: m.id,
  from: m.from,
  body: m.body,
  ts: m.ts,
});

/** A message's body from what the client sent: `text` alone, `data` alone, or `{ text, data }`. */
export function messageBody(e: { text?: string; data?: unknown }): unknown {
  if (e.text === undefined) return e.data;
  return e.data !== undefined ? { text: e.text, data: e.data } : e.text;
}

export const directMessage = (
  id: string,
  from: UserRef,
  to: DirectMessage['to'],
  body: unknown,
  ts: string,
): DirectMessage => ({ type: 'message', id, from, to, body, ts });

export const memberEvent = (
  kind: 'added' | 'removed',
  room: string,
  user: UserRef,
): MemberEvent => ({
  type: kind === 'added' ? 'member_added' : 'member_removed',
  room,
  user,
});

export const notification = (n: Omit<NotificationPayload, 'type'>): NotificationPayload => ({
  type: 'notification',
  ...n,
});

export const occupancyEvent = (
  kind: 'occupied' | 'vacated',
  room: string,
  ts: string,
): OccupancyEvent => ({ name: kind === 'occupied' ? 'room_occupied' : 'room_vacated', room, ts });

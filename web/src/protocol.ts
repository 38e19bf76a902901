// The payloads of PROTOCOL.md as the browser receives them (§2 replies, §3 server messages), and
// one guard that turns anything received into one of them or nothing.

export interface UserRef {
  userId: string;
  name: string;
}

export interface Member extends UserRef {
  connections: number;
}

export interface RoomMessage {
  type: 'message';
  room: string;
  seq: number;
  id: string;
  from: UserRef;
  body: unknown;
  ts: string;
}

export interface DirectMessage {
  type: 'message';
  id: string;
  from: UserRef;
  to: { user: string } | { all: true };
  body: unknown;
  ts: string;
}

export interface HistoryPage {
  room: string;
  messages: RoomMessage[];
  latestSeq: number;
  hasMore: boolean;
}

export type ServerPayload =
  | RoomMessage
  | DirectMessage
  | ({ type: 'joined'; members: Member[] } & HistoryPage)
  | ({ type: 'history' } & HistoryPage)
  | { type: 'left'; room: string }
  | { type: 'ack'; id: string; room?: string; seq?: number; duplicate?: boolean }
  | { type: 'error'; code: string; message: string; id?: string }
  | { type: 'member_added' | 'member_removed'; room: string; user: UserRef }
  | {
      type: 'notification';
      title: string;
      body?: string;
      level: 'info' | 'success' | 'warning' | 'error';
      room?: string;
    };

const KNOWN = new Set([
  'message',
  'joined',
  'history',
  'left',
  'ack',
  'error',
  'member_added',
  'member_removed',
  'notification',
]);

/** The payload when it is one this client knows; anything else is ignored, never thrown on. */
export function asPayload(data: unknown): ServerPayload | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  if (typeof type !== 'string' || !KNOWN.has(type)) return undefined;
  return data as ServerPayload;
}

export function isRoomMessage(m: RoomMessage | DirectMessage): m is RoomMessage {
  return typeof (m as RoomMessage).room === 'string' && typeof (m as RoomMessage).seq === 'number';
}

/** PROTOCOL.md's room names: 1–64 of A–Z a–z 0–9 _ -, starting with a letter or digit. */
export const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const MAX_TEXT = 2000;
export const HISTORY_PAGE = 200;

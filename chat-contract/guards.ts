// Narrowing what a client receives without a schema library (the web bundle stays small): a payload
// is one the client knows by its `type`, or it is ignored.
import { TYPING_GROUP_PREFIX } from './limits';
import type { DirectMessage, RoomMessage, ServerPayload, ServerPayloadType } from './payloads';
import type { TypingFrame } from './typing';

export const SERVER_PAYLOAD_TYPES: readonly ServerPayloadType[] = [
  'message',
  'joined',
  'dm_joined',
  'history',
  'dm_history',
  'announcements_joined',
  'announcements_history',
  'left',
  'ack',
  'error',
  'member_added',
  'member_removed',
  'notification',
  'change',
  'read',
  'rooms',
];
const KNOWN: ReadonlySet<unknown> = new Set(SERVER_PAYLOAD_TYPES);

/**
 * The payload when its `type` is one this contract names; anything else is undefined, never thrown
 * on. Only the tag is checked: the fields are the server's promise (tests hold it to them with
 * `serverPayloadSchema`).
 */
export function asServerPayload(data: unknown): ServerPayload | undefined {
  if (typeof data !== 'object' || data === null || !('type' in data)) return undefined;
  return KNOWN.has(data.type) ? (data as ServerPayload) : undefined;
}

export function isRoomMessage(m: RoomMessage | DirectMessage): m is RoomMessage {
  return 'room' in m;
}

/**
 * A group message that arrived through a typing group (PROTOCOL.md §7): the typing frame it carries,
 * with who sent it taken from the service (`fromUserId`), never from the data; undefined for
 * anything else. Members may send to typing groups, so nothing from one is ever a chat payload:
 * callers drop every other group message that has a `fromUserId` (only the server sends chat).
 */
export function asTypingFrame(message: {
  group: string;
  fromUserId?: string | undefined;
  data: unknown;
}): { userId: string; frame: TypingFrame } | undefined {
  if (!message.group.startsWith(TYPING_GROUP_PREFIX) || !message.fromUserId) return undefined;
  const data: unknown = message.data;
  if (typeof data !== 'object' || data === null || !('type' in data) || data.type !== 'typing')
    return undefined;
  const stop = 'stop' in data && data.stop === true;
  return {
    userId: message.fromUserId,
    frame: stop ? { type: 'typing', stop } : { type: 'typing' },
  };
}

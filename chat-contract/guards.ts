// Narrowing what a client receives without a schema library (the web bundle stays small): a payload
// is one the client knows by its `type`, or it is ignored.
import type { DirectMessage, RoomMessage, ServerPayload, ServerPayloadType } from './payloads';

export const SERVER_PAYLOAD_TYPES: readonly ServerPayloadType[] = [
  'message',
  'joined',
  'history',
  'left',
  'ack',
  'error',
  'member_added',
  'member_removed',
  'notification',
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

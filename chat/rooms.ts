// Rooms and the Web PubSub groups behind them: `room.<name>` per room, `user.<id>` per user.

/** Letters, digits, `_` and `-`, 1–64 characters, starting with a letter or digit. */
export const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const ROOM_GROUP_PREFIX = 'room.';
export const USER_GROUP_PREFIX = 'user.';

export const roomGroup = (room: string) => `${ROOM_GROUP_PREFIX}${room}`;
export const userGroup = (userId: string) => `${USER_GROUP_PREFIX}${userId}`;

export function isRoomName(value: string): boolean {
  return ROOM_NAME.test(value);
}

/** The room a group belongs to, or undefined when it is not a room group. */
export function roomOfGroup(group: string): string | undefined {
  if (!group.startsWith(ROOM_GROUP_PREFIX)) return undefined;
  const room = group.slice(ROOM_GROUP_PREFIX.length);
  return isRoomName(room) ? room : undefined;
}

// Rooms and the Web PubSub groups behind them: `room.<name>` per room, `user.<id>` per user.

export const roomGroup = (room: string) => `room.${room}`;
export const userGroup = (userId: string) => `user.${userId}`;

// Room APIs for servers (function key): who is in a room, and its history after a sequence number.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { app } from '@azure/functions';

import { httpError } from '../bindings';
import { MAX_HISTORY_PAGE } from '../chat/envelope';
import { isRoomName } from '../chat/rooms';
import { chat, presence } from '../chat/runtime';

export async function roomMembers(request: HttpRequest): Promise<HttpResponseInit> {
  const room = request.params.room ?? '';
  if (!isRoomName(room))
    return httpError(400, 'InvalidRoom', 'A room name is 1–64 letters, digits, _ or -.');
  return { jsonBody: { room, members: await presence().members(room) } };
}

export async function roomMessages(request: HttpRequest): Promise<HttpResponseInit> {
  const room = request.params.room ?? '';
  if (!isRoomName(room))
    return httpError(400, 'InvalidRoom', 'A room name is 1–64 letters, digits, _ or -.');
  const since = Number(request.query.get('since') ?? 0);
  const limit = Number(request.query.get('limit') ?? 50);
  if (
    !Number.isInteger(since) ||
    since < 0 ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_HISTORY_PAGE
  ) {
    return httpError(
      400,
      'InvalidRequest',
      `since is a sequence number ≥ 0; limit is 1–${MAX_HISTORY_PAGE}.`,
    );
  }
  return { jsonBody: await chat().history({ room, since, limit }) };
}

app.http('roomMembers', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'api/rooms/{room}/members',
  handler: roomMembers,
});
app.http('roomMessages', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'api/rooms/{room}/messages',
  handler: roomMessages,
});

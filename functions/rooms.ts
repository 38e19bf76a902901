// Room APIs for servers (function key): who is in a room, and its history after (or before) a
// sequence number.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { app } from '@azure/functions';

import { httpError } from '../bindings';
import { roomHistorySchema } from '../chat-contract/envelopes';
import { DEFAULT_HISTORY_PAGE, isRoomName } from '../chat-contract/limits';
import { describeSchemaError } from '../chat-contract/schema-errors';
import { services } from './shared/app-services';
import { serviceError } from './shared/http-body';

export async function roomMembers(request: HttpRequest): Promise<HttpResponseInit> {
  const room = request.params.room ?? '';
  if (!isRoomName(room))
    return httpError(400, 'InvalidRoom', 'A room name is 1–64 letters, digits, _ or -.');
  try {
    return { jsonBody: { room, members: await services().presence.members(room) } };
  } catch (err) {
    return serviceError(err);
  }
}

export async function roomMessages(request: HttpRequest): Promise<HttpResponseInit> {
  const room = request.params.room ?? '';
  if (!isRoomName(room))
    return httpError(400, 'InvalidRoom', 'A room name is 1–64 letters, digits, _ or -.');
  // The `history` event's schema, on the query's numbers.
  const before = request.query.get('before');
  const query = roomHistorySchema.safeParse({
    room,
    ...(before !== null
      ? { before: Number(before) }
      : { since: Number(request.query.get('since') ?? 0) }),
    limit: Number(request.query.get('limit') ?? DEFAULT_HISTORY_PAGE),
  });
  if (!query.success) return httpError(400, 'InvalidRequest', describeSchemaError(query.error));
  try {
    return { jsonBody: await services().chat.roomHistory(query.data) };
  } catch (err) {
    return serviceError(err);
  }
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

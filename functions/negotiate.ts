// `negotiate`: client access (`{ baseUrl, url, accessToken }`) for the signed-in principal, through the
// `webPubSubConnection` input; `negotiateGuest`: the same for a guest with a generated id, only when
// the app allows guests. A user id from the query string is never used.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { WebPubSubConnectionInfo } from '../bindings';
import {
  connectionInfo,
  guestConnectionInput,
  httpError,
  principalConnectionInput,
} from '../bindings';
import { guestName } from '../chat/policy';
import { principalFrom } from '../chat/principal';
import type { NegotiateResult } from '../chat-contract/negotiate';
import { services } from './shared/app-services';
import { serviceError } from './shared/http-body';

export async function negotiate(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const principal = principalFrom((name) => request.headers.get(name));
  if (!principal) return httpError(401, 'Unauthenticated', 'Sign in first.');
  try {
    await services().profiles.put({
      userId: principal.userId,
      name: principal.name,
      roles: principal.roles,
    });
  } catch (err) {
    return serviceError(err);
  }
  const connection = connectionInfo(context, principalConnectionInput);
  return { jsonBody: result(connection, principal.userId, principal.name, principal.roles) };
}

export function negotiateGuest(
  _request: HttpRequest,
  context: InvocationContext,
): HttpResponseInit {
  if (!services().policy.allowGuests)
    return httpError(403, 'GuestsDisabled', 'Guests are not allowed; sign in.');
  const connection = connectionInfo(context, guestConnectionInput);
  const userId = subjectOf(connection.accessToken);
  // No profile row: `connect` names a guest from its id (guestName) and grants it nothing, so a
  // row per guest negotiate would only pile up.
  const name = guestName(userId);
  return { jsonBody: result(connection, userId, name, []) };
}

function result(
  connection: WebPubSubConnectionInfo,
  userId: string,
  name: string,
  roles: string[],
): NegotiateResult {
  const { baseUrl, url, accessToken } = connection;
  return { baseUrl, url, accessToken, userId, name, roles };
}

// The host signed this token a moment ago; only its subject is read, nothing is trusted from it.
function subjectOf(token: string): string {
  const payload: unknown = JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  );
  const sub = payload && typeof payload === 'object' && 'sub' in payload ? payload.sub : undefined;
  return typeof sub === 'string' ? sub : '';
}

app.http('negotiate', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  route: 'api/negotiate',
  extraInputs: [principalConnectionInput],
  handler: negotiate,
});

app.http('negotiateGuest', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  route: 'api/negotiate/guest',
  extraInputs: [guestConnectionInput],
  handler: negotiateGuest,
});

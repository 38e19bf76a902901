// Admin operations for servers (function key): put a user in a group or take them out, close a
// user's connections, and reconcile presence with the service on demand.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import { httpError } from '../bindings';
import { isServiceName } from '../chat-contract/server-api';
import { services } from './shared/app-services';
import { EFFECT_OUTPUTS, emitEffects } from './shared/effects-sink';
import { serviceError } from './shared/http-body';

export async function groupMembership(request: HttpRequest): Promise<HttpResponseInit> {
  const { group = '', userId = '' } = request.params;
  const invalid = invalidName({ group, userId });
  if (invalid) return invalid;
  try {
    const g = services().serviceClient.group(group);
    if (request.method === 'PUT') await g.addUser(userId);
    else await g.removeUser(userId);
  } catch (err) {
    return serviceError(err);
  }
  return { status: 204 };
}

export async function closeUserConnections(request: HttpRequest): Promise<HttpResponseInit> {
  const reason = request.query.get('reason') ?? undefined;
  const userId = request.params.userId ?? '';
  const invalid = invalidName({ userId });
  if (invalid) return invalid;
  try {
    await services().serviceClient.closeUserConnections(userId, reason ? { reason } : {});
  } catch (err) {
    return serviceError(err);
  }
  return { status: 204 };
}

export async function reconcileNow(
  _request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  try {
    const { chat, liveView } = services();
    const { removed, effects } = await chat.reconcile(liveView);
    emitEffects(context, effects);
    return { jsonBody: { removed } };
  } catch (err) {
    context.error('reconcile failed:', err);
    return serviceError(err);
  }
}

/** A 400 for the first name the service cannot take in a REST path (see `serviceName`). */
function invalidName(names: Record<string, string>): HttpResponseInit | undefined {
  const bad = Object.entries(names).find(([, value]) => !isServiceName(value));
  if (!bad) return undefined;
  const [what, value] = bad;
  return httpError(400, 'InvalidName', `Invalid ${what} ${JSON.stringify(value)}: ${NAME_RULE}`);
}

const NAME_RULE = '1 to 1024 characters, not only white space, and not "." or "..".';

app.http('adminGroupMembership', {
  methods: ['PUT', 'DELETE'],
  authLevel: 'function',
  route: 'api/admin/groups/{group}/users/{userId}',
  handler: groupMembership,
});

app.http('adminCloseUser', {
  methods: ['DELETE'],
  authLevel: 'function',
  route: 'api/admin/users/{userId}/connections',
  handler: closeUserConnections,
});

app.http('adminReconcile', {
  methods: ['POST'],
  authLevel: 'function',
  route: 'api/admin/reconcile',
  extraOutputs: EFFECT_OUTPUTS,
  handler: reconcileNow,
});

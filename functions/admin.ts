// Admin operations for servers (function key): put a user in a group or take them out, close a
// user's connections, and reconcile presence with the service on demand.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import { services } from './shared/app-services';
import { EFFECT_OUTPUTS, emitEffects } from './shared/effects-sink';
import { serviceError } from './shared/http-body';

export async function groupMembership(request: HttpRequest): Promise<HttpResponseInit> {
  const { group = '', userId = '' } = request.params;
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
  try {
    await services().serviceClient.closeUserConnections(
      request.params.userId ?? '',
      reason ? { reason } : {},
    );
  } catch (err) {
    return serviceError(err);
  }
  return { status: 204 };
}

export async function reconcileNow(
  _request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const { chat, liveView } = services();
  const { removed, effects } = await chat.reconcile(liveView);
  emitEffects(context, effects);
  return { jsonBody: { removed } };
}

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

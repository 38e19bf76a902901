// Admin operations for servers (function key): put a user in a group or take them out, close a
// user's connections, and reconcile presence with the service on demand.
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import { actionsOutput, emitActions, emitOccupancy, occupancyOutput, toActions } from '../bindings';
import { services } from './shared/app-services';
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
  const { removed, effects } = await services().chat.reconcile(services().liveView);
  emitActions(context, toActions(effects.groups, effects.deliveries));
  emitOccupancy(context, effects.occupancy);
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
  extraOutputs: [actionsOutput, occupancyOutput],
  handler: reconcileNow,
});

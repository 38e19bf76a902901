// `connect` system event (blocking): who may connect, with which groups, roles and states.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { ConnectRequest } from '../bindings';
import { connectResponse, connectTrigger, eventError, triggerHandler } from '../bindings';
import { decideConnect } from '../chat/policy';
import { services } from './shared/app-services';

export async function handleConnect(request: ConnectRequest, _context: InvocationContext) {
  const userId = request.connectionContext.userId;
  const profile = userId ? await services().profiles.get(userId) : undefined;
  const decision = decideConnect(userId, profile, services().policy);
  if (!decision.ok)
    return eventError('unauthorized', `${decision.error.code}: ${decision.error.message}`);
  const { grant } = decision;
  return connectResponse({
    userId: grant.userId,
    groups: grant.groups,
    roles: grant.roles,
    states: { ...grant.states },
  });
}

app.generic('connect', {
  trigger: connectTrigger(),
  handler: triggerHandler('connect', handleConnect),
});

// `connect` system event (blocking): who may connect, with which groups, roles and states.
import type { InvocationContext } from '@azure/functions';
import { app } from '@azure/functions';

import type { ConnectRequest } from '../bindings';
import { connectResponse, connectTrigger, eventError, triggerHandler } from '../bindings';
import { decideConnect } from '../chat/policy';
import { services } from './shared/app-services';

/** Never throws: a failure is an explicit `serverError` (the extension's 500), not a hung call. */
export async function handleConnect(request: ConnectRequest, context: InvocationContext) {
  const userId = request.connectionContext.userId;
  let profile;
  try {
    profile = userId ? await services().profiles.get(userId) : undefined;
  } catch (err) {
    context.error('connect failed:', err);
    return eventError('serverError', 'Unavailable: the user profile could not be read.');
  }
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

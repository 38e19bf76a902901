// POST /:generateToken: a client access token signed with the emulator's key.
import { isValidGroupName, isValidUserId } from '@wps-local/wire';

import { signClientToken } from '../auth/tokens';
import { badRequest, invalidGroupName } from '../errors';
import type { RestContext } from './rest-context';

export function generateClientToken(c: RestContext): void {
  const q = c.url.searchParams;
  const userId = q.get('userId') ?? undefined;
  if (userId !== undefined && !isValidUserId(userId))
    throw badRequest('userId is longer than 1024 characters.', 'userId');
  const groups = q.getAll('group');
  const bad = groups.find((g) => !isValidGroupName(g));
  if (bad !== undefined) throw invalidGroupName();
  const clientType = (q.get('clientType') ?? 'Default').toLowerCase();
  if (clientType !== 'default' && clientType !== 'mqtt') {
    throw badRequest(`clientType must be Default or MQTT, not '${clientType}'.`, 'clientType');
  }
  const token = signClientToken(c.emulator.accessKey, {
    endpoint: c.emulator.endpoint,
    hub: c.param('hub'),
    roles: q.getAll('role'),
    groups,
    minutesToExpire: c.positiveInt('minutesToExpire') ?? 60,
    mqtt: clientType === 'mqtt',
    ...(userId !== undefined ? { userId } : {}),
  });
  c.send(200, { token });
}

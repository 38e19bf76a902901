// `connect` called directly: a known user gets their group, roles and states; an unknown or banned
// one is refused as unauthorized.
import { InvocationContext } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';

import type { ConnectRequest } from '../../../bindings';
import { handleConnect } from '../../../functions/connect';
import { useServices } from '../../../functions/shared/app-services';
import { memoryServices } from './memory-services';

const request = (userId: string | null): ConnectRequest => ({
  connectionContext: {
    eventType: 'System',
    eventName: 'connect',
    hub: 'chat',
    connectionId: 'c1',
    userId,
  },
});

afterEach(() => useServices(undefined));

describe('handleConnect', () => {
  it('grants a known admin their group, group rights and states', async () => {
    const services = memoryServices();
    await services.profiles.put({ userId: 'root', name: 'Root', roles: ['admin'] });
    useServices(services);
    expect(await handleConnect(request('root'), new InvocationContext())).toEqual({
      userId: 'root',
      groups: ['user.root'],
      roles: ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'],
      states: { name: 'Root', admin: true },
    });
  });

  it.each([
    ['no user id', null, 'Unauthenticated'],
    ['an unknown user', 'nobody', 'Unauthenticated'],
    ['a banned user', 'mallory', 'Banned'],
  ])('refuses %s', async (_name, userId, code) => {
    useServices(memoryServices({ bannedUsers: new Set(['mallory']) }));
    expect(await handleConnect(request(userId), new InvocationContext())).toMatchObject({
      code: 'unauthorized',
      errorMessage: expect.stringContaining(code),
    });
  });
});

// Each `webPubSub` output action as the REST call the extension makes (the extension's WebPubSubServiceClient calls).
import { describe, expect, it } from 'vitest';

import { parseActions } from '../../../packages/functions-host/src/webpubsub/actions';
import { actionRequest } from '../../../packages/functions-host/src/webpubsub/service-requests';

const V = 'api-version=2024-12-01';
const request = (action: Record<string, unknown>, hub = 'chat') => {
  const [parsed] = parseActions(action);
  const r = actionRequest(hub, parsed!);
  return [r.method, r.path, r.contentType, r.body?.toString('utf8')];
};

describe('actionRequest', () => {
  it.each([
    { actionName: 'sendToUser', userId: '..', data: 'x' },
    { actionName: 'sendToGroup', group: '.', data: 'x' },
    { actionName: 'sendToConnection', connectionId: '..', data: 'x' },
    { actionName: 'addUserToGroup', userId: 'u', group: '..' },
  ])('refuses a name a path would normalise away: %j', (action) => {
    expect(() => request(action)).toThrow(/cannot be addressed in a REST path/);
  });

  it('sends with the content type of the dataType, the data as given, and excluded ids', () => {
    expect(request({ actionName: 'sendToAll', data: 'hi', excluded: ['c1', 'c 2'] })).toEqual([
      'POST',
      `/api/hubs/chat/:send?excluded=c1&excluded=c+2&${V}`,
      'text/plain',
      'hi',
    ]);
    expect(
      request({ actionName: 'sendToGroup', group: 'room/a b', data: '{"x":1}', dataType: 'json' }),
    ).toEqual([
      'POST',
      `/api/hubs/chat/groups/room%2Fa%20b/:send?${V}`,
      'application/json',
      '{"x":1}',
    ]);
    const binary = { type: 'Buffer', data: [1, 2] };
    expect(
      request({ actionName: 'sendToUser', userId: 'ü@x', data: binary, dataType: 'binary' }),
    ).toEqual([
      'POST',
      `/api/hubs/chat/users/%C3%BC%40x/:send?${V}`,
      'application/octet-stream',
      '\u0001\u0002',
    ]);
    expect(request({ actionName: 'sendToConnection', connectionId: 'c?1', data: 'd' })).toEqual([
      'POST',
      `/api/hubs/chat/connections/c%3F1/:send?${V}`,
      'text/plain',
      'd',
    ]);
  });

  it('maps group, user, close and permission actions to their methods and paths', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { actionName: 'addConnectionToGroup', connectionId: 'c1', group: 'g' },
        'PUT',
        `/api/hubs/h/groups/g/connections/c1?${V}`,
      ],
      [
        { actionName: 'removeConnectionFromGroup', connectionId: 'c1', group: 'g' },
        'DELETE',
        `/api/hubs/h/groups/g/connections/c1?${V}`,
      ],
      [
        { actionName: 'addUserToGroup', userId: 'u', group: 'g' },
        'PUT',
        `/api/hubs/h/users/u/groups/g?${V}`,
      ],
      [
        { actionName: 'removeUserFromGroup', userId: 'u', group: 'g' },
        'DELETE',
        `/api/hubs/h/users/u/groups/g?${V}`,
      ],
      [
        { actionName: 'removeUserFromAllGroups', userId: 'u' },
        'DELETE',
        `/api/hubs/h/users/u/groups?${V}`,
      ],
      [
        { actionName: 'closeAllConnections', excluded: ['c1'], reason: 'bye now' },
        'POST',
        `/api/hubs/h/:closeConnections?excluded=c1&reason=bye+now&${V}`,
      ],
      [
        { actionName: 'closeClientConnection', connectionId: 'c1' },
        'DELETE',
        `/api/hubs/h/connections/c1?${V}`,
      ],
      [
        { actionName: 'closeGroupConnections', group: 'g', reason: 'r' },
        'POST',
        `/api/hubs/h/groups/g/:closeConnections?reason=r&${V}`,
      ],
      [
        { actionName: 'grantPermission', connectionId: 'c1', permission: 'joinLeaveGroup' },
        'PUT',
        `/api/hubs/h/permissions/joinLeaveGroup/connections/c1?${V}`,
      ],
      [
        {
          actionName: 'revokePermission',
          connectionId: 'c1',
          permission: 'sendToGroup',
          targetName: 'g',
        },
        'DELETE',
        `/api/hubs/h/permissions/sendToGroup/connections/c1?targetName=g&${V}`,
      ],
    ];
    for (const [action, method, path] of cases) {
      expect(request(action, 'h')).toEqual([method, path, undefined, undefined]);
    }
  });
});

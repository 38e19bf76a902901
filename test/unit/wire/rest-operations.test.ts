// The one REST operation table: the emulator routes every operation in it and nothing else, and
// the host's output actions build their paths from it.
import { describe, expect, it } from 'vitest';

import { ROUTES } from '../../../packages/emulator/src/rest/routes';
import { parseActions } from '../../../packages/functions-host/src/webpubsub/actions';
import { actionRequest } from '../../../packages/functions-host/src/webpubsub/service-requests';
import { operationPath, REST_OPERATIONS } from '../../../packages/wire/src/rest-operations';

describe('REST_OPERATIONS', () => {
  it('is exactly what the emulator routes, with the same methods and paths', () => {
    expect(ROUTES.map((r) => [r.operation, r.method, r.path])).toEqual(
      Object.entries(REST_OPERATIONS).map(([id, op]) => [id, op.method, op.path]),
    );
  });

  it('fills path parameters URI-encoded and appends the query and api-version', () => {
    expect(
      operationPath('SendToUser', { hub: 'chat', userId: 'a/b c' }, [
        ['filter', "userId eq 'x'"],
        ['messageTtlSeconds', undefined],
      ]),
    ).toBe(`/api/hubs/chat/users/a%2Fb%20c/:send?filter=userId+eq+%27x%27&api-version=2024-12-01`);
  });

  it('gives every host action the method and path of its operation in the table', () => {
    const [a] = parseActions({ actionName: 'removeUserFromGroup', userId: 'u', group: 'g' });
    const request = actionRequest('chat', a!);
    const op = REST_OPERATIONS.RemoveUserFromGroup;
    expect(request.method).toBe(op.method);
    expect(request.path).toBe('/api/hubs/chat/users/u/groups/g?api-version=2024-12-01');
  });
});

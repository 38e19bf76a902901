// What the server SDK's own live tests (azure-sdk-for-js sdk/web-pubsub/web-pubsub/test) expect
// of the service, against the emulator: the invalid-filter wording, 404 for a permission grant to a
// missing connection, and the operations on missing connections, users and groups that succeed.
import type { RestError } from '@azure/core-rest-pipeline';
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../setup/emulator';

const SYNTAX =
  "Invalid syntax for 'invalid filter': Syntax error at position 14 in 'invalid filter'. (Parameter 'filter')";

async function restError(promise: Promise<unknown>): Promise<RestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ name: 'RestError' });
  return err as RestError;
}

describe('@azure/web-pubsub errors as its live tests expect them', () => {
  const emulator = useEmulator();
  const client = () =>
    new WebPubSubServiceClient(emulator().connectionString, 'simplechat', {
      allowInsecureConnection: true,
    });

  it('words an invalid filter as the service does, for sendToAll and sendToUser', async () => {
    for (const send of [
      () => client().sendToAll('hello', { contentType: 'text/plain', filter: 'invalid filter' }),
      () =>
        client().sendToUser('brian', 'hello', {
          contentType: 'text/plain',
          filter: 'invalid filter',
        }),
    ]) {
      const err = await restError(send());
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe('Error.BadRequest');
      expect(err.message).toBe(SYNTAX);
      expect(err.response?.headers.get('x-ms-error-code')).toBe('Error.BadRequest');
      expect(JSON.parse(err.response!.bodyAsText!)).toEqual({
        code: 'Error.BadRequest',
        message: SYNTAX,
        target: 'filter',
        details: [
          {
            code: 'Error.BadRequest',
            message:
              "Invalid filter: unexpected 'filter' after a complete expression at position 8.",
            target: 'filter',
          },
        ],
      });
    }
  });

  it('answers 404 to a permission grant for a missing connection; the rest succeed', async () => {
    const grant = await restError(
      client().grantPermission('xxx', 'joinLeaveGroup', { targetName: 'x' }),
    );
    expect(grant.statusCode).toBe(404);
    // These resolve (a RestError would reject the test).
    await client().revokePermission('invalid-id', 'joinLeaveGroup', { targetName: 'x' });
    await client().removeConnectionFromAllGroups('xxx');
    await client().removeUserFromAllGroups('brian');
    await client().sendToConnection('xxxx', 'hello', { contentType: 'text/plain' });
    expect(await client().userExists('foo')).toBe(false);
    expect(await client().connectionExists('xxx')).toBe(false);
  });
});

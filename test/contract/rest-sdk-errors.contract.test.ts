// What an @azure/web-pubsub user reads (error.message, error.code, error.statusCode) when the
// service refuses a call, against the emulator. Every expectation is a response the service gave
// the SDK's own live tests, as recorded in Azure/azure-sdk-assets under
// js/sdk/web-pubsub/web-pubsub/recordings/node/ (RECORDED below), and the assertions of
// Azure/azure-sdk-for-js sdk/web-pubsub/web-pubsub/test/public/{hubs,groups}.spec.ts.
import type { FullOperationResponse } from '@azure/core-client';
import type { RestError } from '@azure/core-rest-pipeline';
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { WebPubSubClient } from '@azure/web-pubsub-client';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../setup/emulator';

// RECORDED files: filter = hubclient_working_with_a_hub/recording_can_broadcast_with_filter.json;
// bodyFilter = client_working_with_multiple_groups/recording_can_join_multiple_groups_with_filter.json;
// grant = hubclient_working_with_a_hub/recording_can_grant_permissions_to_connections.json;
// addConnection = group_client_working_with_a_group/recording_can_manage_connections.json;
// heads = hubclient_working_with_a_hub/recording_can_trace_through_the_various_options.json
// (connection exists: recording_can_check_if_a_connection_exists.json, api-version 2024-12-01).

const SYNTAX =
  "Invalid syntax for 'invalid filter': Syntax error at position 14 in 'invalid filter'. (Parameter 'filter')";
const BAD_GROUP =
  'Invalid group name. Valid group name should be in between 1 and 1024 characters long.';

/** ASP.NET Core's validation problem, as the service answers a filter it cannot parse. */
const problem = (target: string) => ({
  code: 'Error.BadRequest',
  message: SYNTAX,
  target,
  errors: { [target]: [SYNTAX] },
  type: null,
  title: 'One or more validation errors occurred.',
  status: 400,
  detail: null,
  instance: null,
  extensions: {},
});

async function restError(promise: Promise<unknown>): Promise<RestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ name: 'RestError' });
  return err as RestError;
}

describe('@azure/web-pubsub errors as the service words them', () => {
  const emulator = useEmulator();
  const client = () =>
    new WebPubSubServiceClient(emulator().connectionString, 'simplechat', {
      allowInsecureConnection: true,
    });

  it('answers an invalid filter with a validation problem the SDK hands over whole (RECORDED.filter)', async () => {
    const c = client();
    for (const send of [
      () => c.sendToAll('hello', { contentType: 'text/plain', filter: 'invalid filter' }),
      () => c.sendToUser('brian', 'hello', { contentType: 'text/plain', filter: 'invalid filter' }),
      () => c.group('group').sendToAll('hello', { filter: 'invalid filter' }),
    ]) {
      const err = await restError(send());
      expect(err.statusCode).toBe(400);
      // application/problem+json is not JSON to core-client: the message is the whole body, and
      // there is no code, exactly what the SDK's live tests read (JSON.parse(error.message)).
      expect(err.code).toBeUndefined();
      expect(JSON.parse(err.message)).toEqual(problem('filter'));
      expect(err.message).toHaveLength(416); // the recorded Content-Length
      expect(err.response?.headers.get('content-type')).toBe(
        'application/problem+json; charset=utf-8',
      );
      expect(err.response?.headers.get('x-ms-error-code')).toBe('Error.BadRequest');
    }
  });

  it('names the body property Filter when the filter comes in a JSON body (RECORDED.bodyFilter)', async () => {
    const c = client();
    for (const call of [
      () => c.addConnectionsToGroups(['group1', 'group2'], 'invalid filter'),
      () => c.removeConnectionsFromGroups(['group1', 'group2'], 'invalid filter'),
    ]) {
      const err = await restError(call());
      expect(err.statusCode).toBe(400);
      expect(JSON.parse(err.message)).toEqual(problem('Filter'));
    }
  });

  it('answers a missing connection with the code of the operation (RECORDED.addConnection, .grant)', async () => {
    const c = client();
    const cases = [
      [() => c.group('group').addConnection('xxxx'), 'Error.Connection.NotExisted', 'xxxx'],
      [
        () => c.grantPermission('xxx', 'joinLeaveGroup', { targetName: 'x' }),
        'Info.Connection.NotExisted',
        'xxx',
      ],
    ] as const;
    for (const [call, code, id] of cases) {
      const err = await restError(call());
      const message = `Connection \`${id}\` is not found.`;
      expect([err.statusCode, err.code, err.message]).toEqual([404, code, message]);
      expect(err.response?.headers.get('x-ms-error-code')).toBe(code);
      expect(err.response?.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(JSON.parse(err.response!.bodyAsText!)).toEqual({
        code,
        message,
        target: 'Connection',
        details: null,
        inner: null,
      });
    }
    // A user with no connection (azure-sdk-for-python tests/recordings/
    // test_smoke.test_add_user_to_group.yaml records the same words for addUserToGroup).
    const err = await restError(c.group('group').addUser('some_user'));
    expect([err.statusCode, err.code, err.message]).toEqual([
      404,
      'Warning.User.NotExisted',
      'User `some_user` is not found.',
    ]);
  });

  it('reads existence checks as false, with the recorded headers (RECORDED.heads)', async () => {
    const c = client();
    const seen: FullOperationResponse[] = [];
    const onResponse = (r: FullOperationResponse) => void seen.push(r);
    expect(await c.connectionExists('xxx', { onResponse })).toBe(false);
    expect(await c.userExists('foo', { onResponse })).toBe(false);
    expect(await c.groupExists('foo', { onResponse })).toBe(false);
    expect(await c.hasPermission('xxxx', 'joinLeaveGroup', { targetName: 'x', onResponse })).toBe(
      false,
    );
    expect(
      seen.map((r) => [
        r.status,
        r.headers.get('x-ms-error-code'),
        r.headers.get('content-length'),
      ]),
    ).toEqual([
      [404, 'Warning.Connection.NotExisted', '133'],
      [404, 'Warning.User.NotExisted', '115'],
      // The service's Content-Length is 114: its group wording is not recorded (HEAD has no body).
      [404, 'Warning.Group.NotExisted', expect.any(String)],
      [404, 'Info.Connection.NotExisted', '131'],
    ]);
  });

  it('words an invalid group name as the service does, a missing targetName included (RECORDED.heads)', async () => {
    const c = client();
    for (const call of [
      () => c.revokePermission('xxxx', 'joinLeaveGroup'),
      () => c.group('x'.repeat(1025)).sendToAll('hello', { contentType: 'text/plain' }),
    ]) {
      const err = await restError(call());
      expect([err.statusCode, err.code, err.message]).toEqual([400, 'Error.BadRequest', BAD_GROUP]);
      expect(JSON.parse(err.response!.bodyAsText!)).toEqual({
        code: 'Error.BadRequest',
        message: BAD_GROUP,
        target: 'Request',
        details: null,
        inner: null,
      });
    }
  });

  it('answers bad groups in an addToGroups body with a validation problem naming Groups', async () => {
    // Recorded: java/sdk/webpubsub/azure-messaging-webpubsub/src/test/resources/session-records/
    // WebPubSubServiceClientTests.testAddConnectionsToGroupsThrowErrorWhenGroupsIsNull.json.
    const c = client();
    for (const groups of [['  '], [], ['x'.repeat(1025)]]) {
      const err = await restError(c.addConnectionsToGroups(groups, "userId eq 'a'"));
      expect(err.statusCode).toBe(400);
      expect(err.code).toBeUndefined();
      expect(JSON.parse(err.message)).toEqual({
        code: 'Error.BadRequest',
        message: BAD_GROUP,
        target: 'Groups',
        errors: { Groups: [BAD_GROUP] },
        type: null,
        title: 'One or more validation errors occurred.',
        status: 400,
        detail: null,
        instance: null,
        extensions: {},
      });
    }
    // Without groups at all: the same answer (raw, as the SDK always sends the property).
    const e = emulator();
    const url = `${e.url.replace(/\/$/, '')}/api/hubs/simplechat/:addToGroups?api-version=2024-12-01`;
    const token = jwt.sign({ aud: url }, e.accessKey, { algorithm: 'HS256', expiresIn: 300 });
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: "userId eq 'user 1'" }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await res.json()).toMatchObject({ target: 'Groups', message: BAD_GROUP });
    expect(res.headers.get('content-length')).toBe('374'); // the recorded Content-Length
  });

  it('lets the operations on missing connections, users and groups that the service allows succeed', async () => {
    const c = client();
    // Each resolves (a RestError would reject the test), as in the recordings.
    await c.revokePermission('invalid-id', 'joinLeaveGroup', { targetName: 'x' });
    await c.removeConnectionFromAllGroups('xxx');
    await c.removeUserFromAllGroups('brian');
    await c.group('group').removeConnection('xxxx');
    await c.sendToConnection('xxxx', 'hello', { contentType: 'text/plain' });
    await c.closeConnection('xxxx');
    await c.closeUserConnections('xxxx');
  });

  it('refuses a client with a bad, expired or wrong-audience token: the client SDK reads the 401', async () => {
    // The service answers 401 to such a handshake (Azure/azure-webpubsub issue 600, a wrong
    // audience); the client SDK reports the status its WebSocket saw, whatever the body.
    const e = emulator();
    const { url } = await client().getClientAccessToken({ userId: 'u' });
    const aud = `${e.url.replace(/\/$/, '')}/client/hubs/simplechat`;
    const sign = (claims: object) => jwt.sign(claims, e.accessKey, { algorithm: 'HS256' });
    const now = Math.floor(Date.now() / 1000);
    const base = url.split('?')[0]!;
    for (const token of [
      'not-a-jwt',
      sign({ aud, sub: 'u', exp: now - 3600 }),
      sign({ aud: `${aud}-other`, sub: 'u', exp: now + 3600 }),
      jwt.sign({ aud, sub: 'u', exp: now + 3600 }, 'another-key-that-is-long-enough-0123456789'),
    ]) {
      const c = new WebPubSubClient(`${base}?access_token=${encodeURIComponent(token)}`, {
        reconnectRetryOptions: { maxRetries: 0 },
      });
      await expect(c.start()).rejects.toThrow('Unexpected server response: 401');
      c.stop();
    }
  });
});

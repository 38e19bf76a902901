// The Web PubSub input and output bindings in the offline host: negotiate (`webPubSubConnection`)
// with binding expressions, `webPubSub` actions run in order against the emulator's REST API, and
// the `webPubSubContext` input of an HTTP function used as an event handler.
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { recordClient, serviceClient, stopAllClients } from '../setup/sdk-client';
import { useWpsStack } from '../setup/wps-host';
import { openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const stack = useWpsStack();
afterEach(() => stopAllClients());

const decode = (token: string) =>
  jwt.verify(token, stack.emulator().accessKey, { algorithms: ['HS256'] }) as jwt.JwtPayload;

describe('webPubSubConnection (negotiate)', () => {
  it('signs a one-hour token for the hub with the user from {query.userId}', async () => {
    const userId = uniqueName('alice');
    const info = await stack.negotiate(`wps/negotiate?userId=${userId}`);
    const endpoint = stack.emulator().url;
    expect(info.baseUrl).toBe(`${endpoint.replace(/^http/, 'ws')}/client/hubs/chat`);
    expect(info.url).toBe(`${info.baseUrl}?access_token=${info.accessToken}`);
    const claims = decode(info.accessToken);
    expect(claims).toMatchObject({ sub: userId, aud: `${endpoint}/client/hubs/chat` });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.role).toBeUndefined();
  });

  it('resolves {headers.x-ms-client-principal-name}, and an official client connects with the url', async () => {
    const userId = uniqueName('principal');
    const info = await stack.negotiate('wps/negotiate-principal', {
      'x-ms-client-principal-name': userId,
    });
    expect(decode(info.accessToken).sub).toBe(userId);
    const rc = recordClient(() => Promise.resolve(info.url));
    await rc.start();
    expect(rc.connected[0]?.userId).toBe(userId);
  });

  it('keeps a present but empty value, and fails the invocation when the key is missing', async () => {
    expect(decode((await stack.negotiate('wps/negotiate?userId=')).accessToken).sub).toBe('');
    const missing = await fetch(`${stack.host().url}/api/wps/negotiate-principal`);
    expect(missing.status).toBe(500);
    expect(stack.host().output()).toContain(
      "Error while accessing 'headers.x-ms-client-principal-name': property doesn't exist.",
    );
  });

  it('uses the MQTT path for clientProtocol mqtt, with no user', async () => {
    const info = await stack.negotiate('wps/negotiate-mqtt');
    expect(info.baseUrl).toMatch(/\/clients\/mqtt\/hubs\/chat$/);
    const claims = decode(info.accessToken);
    expect(claims.aud).toBe(`${stack.emulator().url}/clients/mqtt/hubs/chat`);
    expect(claims.sub).toBeUndefined();
  });
});

describe('webPubSub output actions', () => {
  const open = async () => {
    const client = await openClient(
      (await stack.negotiate(`wps/negotiate?userId=${uniqueName('u')}`)).url,
      JSON_V1,
    );
    const hello = await client.next((f) => f.type === 'system');
    return { client, connectionId: hello.connectionId as string };
  };
  const run = (client: Awaited<ReturnType<typeof open>>['client'], actions: unknown, ackId = 1) =>
    client.sendJson({ type: 'event', event: 'run', dataType: 'json', data: actions, ackId });

  it('runs the actions in order, one REST call each, before the reply', async () => {
    const { client } = await open();
    const group = uniqueName('joined');
    client.sendJson({ type: 'event', event: 'join', dataType: 'text', data: group, ackId: 1 });
    const frames = [];
    for (let i = 0; i < 4; i++) frames.push(await client.next((f) => f.type === 'message'));
    expect(frames.map((f) => [f.from, f.dataType, f.data])).toEqual([
      ['group', 'text', `welcome to ${group}`],
      ['server', 'json', { step: 3 }],
      ['server', 'binary', Buffer.from([1, 2, 3]).toString('base64')],
      ['server', 'text', 'joined'],
    ]);
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({ ackId: 1, success: true });
    // Removed again before 'after leaving' was sent: the group is empty.
    expect(await serviceClient(stack.emulator().connectionString, 'chat').groupExists(group)).toBe(
      false,
    );
    client.ws.close();
  });

  it('stops at a failing action: the earlier ones ran, the later ones did not, the event failed', async () => {
    const { client } = await open();
    client.sendJson({ type: 'event', event: 'failing', dataType: 'text', data: '', ackId: 3 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 3,
      success: false,
      error: { name: 'InternalServerError' },
    });
    const texts = client.frames.map(String);
    expect(texts.some((t) => t.includes('"before"'))).toBe(true);
    expect(texts.some((t) => t.includes('"never"') || t.includes('unreachable'))).toBe(false);
    expect(stack.host().output()).toContain('addConnectionToGroup failed');
    client.ws.close();
  });

  it('adds users to groups, sends to users and grants permissions, field names in any case', async () => {
    const { client, connectionId } = await open();
    const group = uniqueName('g');
    const rc = recordClient(
      async () => (await stack.negotiate(`wps/negotiate?userId=${uniqueName('bob')}`)).url,
    );
    await rc.start();
    const bob = rc.connected[0]!.userId;
    run(client, [
      { ActionName: 'AddUserToGroup', UserId: bob, Group: group },
      { actionName: 'sendToGroup', group, data: 'to bob via group', dataType: 'text' },
      { actionName: 'sendToUser', userId: bob, data: '{"direct":true}', dataType: 'json' },
      { actionName: 'grantPermission', connectionId, permission: 'sendToGroup', targetName: group },
    ]);
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({ success: true });
    await rc.until(
      () => rc.messages.find((m) => m.data === 'to bob via group'),
      'the group message',
    );
    await rc.until(
      () => rc.messages.find((m) => (m.data as { direct?: boolean } | null)?.direct === true),
      'the user message',
    );
    client.sendJson({ type: 'sendToGroup', group, dataType: 'text', data: 'granted', ackId: 2 });
    expect(await client.next((f) => f.type === 'ack' && f.ackId === 2)).toMatchObject({
      success: true,
    });
    client.ws.close();
  });

  it('closes a connection with the closeClientConnection action', async () => {
    const { client, connectionId } = await open();
    const victim = await open();
    run(client, {
      actionName: 'closeClientConnection',
      connectionId: victim.connectionId,
      reason: 'bye',
    });
    expect((await victim.client.closed).code).toBeGreaterThan(0);
    expect(connectionId).not.toBe(victim.connectionId);
    client.ws.close();
  });

  it('runs the other action kinds against the service, each with its effect', async () => {
    const a = await open();
    const b = await open();
    const c = await open();
    const group = uniqueName('g');
    const sdk = serviceClient(stack.emulator().connectionString, 'chat');
    const b0 = b.connectionId;
    run(a.client, [
      { actionName: 'addConnectionToGroup', connectionId: b0, group },
      { actionName: 'addConnectionToGroup', connectionId: c.connectionId, group: `${group}-x` },
      {
        actionName: 'removeConnectionFromGroup',
        connectionId: c.connectionId,
        group: `${group}-x`,
      },
      { actionName: 'sendToAll', data: 'all but a', excluded: [a.connectionId] },
      { actionName: 'sendToConnection', connectionId: b0, data: '{"only":"b"}', dataType: 'json' },
      {
        actionName: 'grantPermission',
        connectionId: b0,
        permission: 'sendToGroup',
        targetName: group,
      },
      {
        actionName: 'grantPermission',
        connectionId: b0,
        permission: 'joinLeaveGroup',
        targetName: group,
      },
      {
        actionName: 'revokePermission',
        connectionId: b0,
        permission: 'joinLeaveGroup',
        targetName: group,
      },
      { actionName: 'removeUserFromGroup', userId: 'nobody', group },
      { actionName: 'removeUserFromAllGroups', userId: 'nobody' },
    ]);
    const ack = await a.client.next((f) => f.type === 'ack');
    expect(ack, stack.host().output()).toMatchObject({ success: true });
    expect(await b.client.next((f) => f.data === 'all but a')).toMatchObject({ from: 'server' });
    expect(await b.client.next((f) => f.dataType === 'json')).toMatchObject({
      data: { only: 'b' },
    });
    await c.client.next((f) => f.data === 'all but a');
    expect(a.client.frames.map(String).some((t) => t.includes('all but a'))).toBe(false);
    expect(await sdk.groupExists(group)).toBe(true);
    expect(await sdk.groupExists(`${group}-x`)).toBe(false);
    expect(await sdk.hasPermission(b0, 'sendToGroup', { targetName: group })).toBe(true);
    expect(await sdk.hasPermission(b0, 'joinLeaveGroup', { targetName: group })).toBe(false);

    run(a.client, { actionName: 'closeGroupConnections', group, reason: 'group closed' }, 2);
    expect((await b.client.closed).code).toBeGreaterThan(0);
    run(a.client, { actionName: 'closeAllConnections', excluded: [a.connectionId] }, 3);
    expect((await c.client.closed).code).toBeGreaterThan(0);
    expect(await a.client.next((f) => f.type === 'ack' && f.ackId === 3)).toMatchObject({
      success: true,
    });
    a.client.ws.close();
  });

  it('fails the invocation, running nothing, when an action is invalid', async () => {
    const { client, connectionId } = await open();
    const cases: [unknown, string][] = [
      [
        { actionName: 'sendToEveryone', data: 'x' },
        'Not supported WebPubSubOperation: sendToEveryone.',
      ],
      [{ actionName: 'sendToConnection', data: 'x' }, "sendToConnection needs 'connectionId'"],
      [
        { actionName: 'sendToAll', data: 'x', dataType: 'binary' },
        'WebPubSubDataType is binary, please use ArrayBuffer as message data type.',
      ],
      [
        { actionName: 'sendToAll', data: { not: 'a string' } },
        'Message should be string, please stringify object.',
      ],
      [
        [{ actionName: 'sendToConnection', connectionId, data: 'first' }, { actionName: 'nope' }],
        'action 1: Not supported WebPubSubOperation: nope.',
      ],
    ];
    let ackId = 10;
    for (const [actions, message] of cases) {
      run(client, actions, ++ackId);
      expect(await client.next((f) => f.type === 'ack' && f.ackId === ackId)).toMatchObject({
        success: false,
      });
      expect(stack.host().output()).toContain(message);
    }
    expect(client.frames.map(String).some((t) => t.includes('"first"'))).toBe(false);
    client.ws.close();
  });
});

describe('webPubSubContext', () => {
  const handler = () => `${stack.host().url}/api/wps/handler`;
  const contextOf = async (res: Response) => (await res.json()) as Record<string, unknown>;

  it('answers an abuse-protection probe with a ready response', async () => {
    const ok = await contextOf(
      await fetch(handler(), {
        method: 'OPTIONS',
        headers: { 'WebHook-Request-Origin': 'localhost' },
      }),
    );
    expect(ok).toEqual({
      request: { connectionContext: null, isValid: true },
      response: { status: 200, headers: { 'WebHook-Allowed-Origin': ['*'] }, body: '' },
      errorMessage: null,
      hasError: false,
      isPreflight: true,
    });
    const bad = await contextOf(
      await fetch(handler(), {
        method: 'OPTIONS',
        headers: { 'WebHook-Request-Origin': 'evil.example.com' },
      }),
    );
    expect(bad).toMatchObject({
      isPreflight: true,
      response: { status: 400 },
      request: { isValid: false },
    });
  });

  it('parses a signed user event into the request, with an empty 200 response', async () => {
    const ctx = await contextOf(
      await fetch(handler(), {
        method: 'POST',
        body: 'hello',
        headers: {
          'content-type': 'text/plain',
          'ce-type': 'azure.webpubsub.user.message',
          'ce-hub': 'chat',
          'ce-connectionId': 'c1',
          'ce-eventName': 'message',
          'ce-signature': stack.signature('c1'),
          'WebHook-Request-Origin': 'localhost',
        },
      }),
    );
    expect(ctx).toMatchObject({
      request: {
        connectionContext: {
          eventType: 'User',
          eventName: 'message',
          connectionId: 'c1',
          hub: 'chat',
        },
        data: 'hello',
        dataType: 'Text',
      },
      response: { status: 200, headers: {}, body: '' },
      errorMessage: null,
      hasError: false,
      isPreflight: false,
    });
  });

  it('reports a bad signature as 401 and missing headers as 400, without a request', async () => {
    const base = {
      'ce-type': 'azure.webpubsub.sys.connected',
      'ce-hub': 'chat',
      'ce-connectionId': 'c2',
      'ce-eventName': 'connected',
      'WebHook-Request-Origin': 'localhost',
    };
    const forged = await contextOf(
      await fetch(handler(), {
        method: 'POST',
        body: '{}',
        headers: { ...base, 'ce-signature': 'sha256=00' },
      }),
    );
    expect(forged).toEqual({
      response: { status: 401, headers: {}, body: 'Signature validation failed.' },
      errorMessage: 'Signature validation failed.',
      hasError: true,
      isPreflight: false,
    });
    const partial = await contextOf(await fetch(handler(), { method: 'POST', body: '{}' }));
    expect(partial).toMatchObject({ hasError: true, response: { status: 400 } });
  });
});

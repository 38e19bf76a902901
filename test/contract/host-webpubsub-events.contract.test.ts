// Web PubSub triggers end to end: official and raw clients connect through the emulator, whose
// hub sends its events to the offline host; connect decisions, system events and user-event
// replies reach the client as they would from Azure.
import { recordClient, serviceClient, stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import { useWpsStack } from '../setup/wps-host';
import { expectRefused, openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';

interface Context extends Record<string, unknown> {
  signature: string;
  headers: Record<string, string[]>;
}
interface ConnectRequest {
  connectionContext: Context;
  claims: Record<string, string[]>;
  query: Record<string, string[]>;
  subprotocols: string[];
  clientCertificates: unknown[];
}
const stack = useWpsStack();
afterEach(() => stopAllClients());

/** A client URL from the app's negotiate function, plus extra query for the connect function. */
const clientUrl = async (userId: string, extra = '') =>
  `${(await stack.negotiate(`wps/negotiate?userId=${userId}`)).url}${extra}`;

const openJson = async (userId: string, extra = '') => {
  const client = await openClient(await clientUrl(userId, extra), JSON_V1);
  const hello = await client.next((f) => f.type === 'system');
  return { client, connectionId: hello.connectionId as string, hello };
};

describe('connect', () => {
  it('applies the userId, groups and roles the connect function returns', async () => {
    const group = uniqueName('room');
    const other = uniqueName('other');
    const rc = recordClient(() =>
      clientUrl(
        uniqueName('token-user'),
        `&asUser=handler-user&group=${group}&role=webpubsub.sendToGroup`,
      ),
    );
    await rc.start();
    expect(rc.connected[0]?.userId).toBe('handler-user');
    await serviceClient(stack.emulator().connectionString, 'chat')
      .group(group)
      .sendToAll('to the room', {
        contentType: 'text/plain',
      });
    await rc.until(() => rc.messages.find((m) => m.data === 'to the room'), 'the group message');
    // The role lets the client send to a group it never joined.
    await expect(rc.client.sendToGroup(other, 'allowed', 'text')).resolves.toBeDefined();
  });

  it('gives a client without the role no right to send to groups', async () => {
    const rc = recordClient(() => clientUrl(uniqueName('u')), {
      messageRetryOptions: { maxRetries: 0 },
    });
    await rc.start();
    await expect(
      rc.client.sendToGroup(uniqueName('g'), 'denied', 'text', { fireAndForget: false }),
    ).rejects.toThrow();
  });

  it("refuses the handshake with the function's error code and sends no connected event", async () => {
    const userId = uniqueName('refused');
    const url = await clientUrl(userId);
    expect(await expectRefused(`${url}&reject=unauthorized`, JSON_V1)).toBe(401);
    expect(await expectRefused(`${url}&reject=userError`, JSON_V1)).toBe(400);
    const rejected = (await stack.log()).filter(
      (e) =>
        e.event === 'connect' &&
        (e.request as { claims: { sub: string[] } }).claims.sub[0] === userId,
    );
    expect(rejected.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(rejected.map((e) => e.connectionId));
    expect(
      (await stack.log()).filter((e) => e.event === 'connected' && ids.has(e.connectionId)),
    ).toEqual([]);
    // The host's log names the event, hub, user and outcome: a refusal is never a plain success.
    const logged = (pattern: RegExp) =>
      eventually(
        () =>
          stack
            .host()
            .output()
            .split('\n')
            .some((l) => l.includes(`from user '${userId}'`) && pattern.test(l)),
        `a log line matching ${pattern}`,
      );
    await logged(/system event 'connect' on hub 'chat'.*refused with 401/);
  });

  it('fails the official client when the connect function refuses it', async () => {
    const rc = recordClient(() => clientUrl(uniqueName('u'), '&reject=unauthorized'), {
      reconnectRetryOptions: { maxRetries: 0 },
    });
    await expect(rc.client.start()).rejects.toThrow();
  });

  it('hands the connect function the request the extension builds', async () => {
    const userId = uniqueName('shape');
    const { client, connectionId } = await openJson(userId, '&asUser=x&flag=1&flag=2');
    const [entry] = await stack.log(connectionId);
    const request = entry!.request as ConnectRequest;
    expect(request.connectionContext).toMatchObject({
      eventType: 'System',
      eventName: 'connect',
      hub: 'chat',
      connectionId,
      userId,
      origin: 'localhost',
      states: {},
    });
    expect(request.connectionContext.signature).toBe(stack.signature(connectionId));
    expect(request.connectionContext.headers['ce-type']).toEqual(['azure.webpubsub.sys.connect']);
    expect(request.claims.sub).toEqual([userId]);
    expect(request.query).toMatchObject({ asUser: ['x'], flag: ['1', '2'] });
    expect(request.query.access_token).toBeUndefined();
    expect(request.subprotocols).toEqual([JSON_V1]);
    expect(request.clientCertificates).toEqual([]);
    expect(Object.keys(entry!.metadata as object).sort()).toEqual([
      'claims',
      'clientCertificates',
      'connectionContext',
      'dataType',
      'query',
      'request',
      'subprotocols',
    ]);
    client.ws.close();
  });
});

describe('connected and disconnected', () => {
  it('runs both, with the state the connect function set and the close reason', async () => {
    const userId = uniqueName('lifecycle');
    const { client, connectionId } = await openJson(userId);
    await eventually(
      async () => (await stack.log(connectionId)).some((e) => e.event === 'connected'),
      'the connected function',
    );
    const connected = (await stack.log(connectionId)).find((e) => e.event === 'connected')!;
    expect(connected).toMatchObject({
      userId,
      states: { tier: 'gold', profile: { visits: 0, tags: ['a', 'b'] } },
    });
    client.ws.close();
    await eventually(
      async () => (await stack.log(connectionId)).some((e) => e.event === 'disconnected'),
      'the disconnected function',
    );
  });
});

describe('user events', () => {
  it('sends the reply before the ack and round-trips states through the service', async () => {
    const userId = uniqueName('echo');
    const { client } = await openJson(userId);
    client.sendJson({ type: 'event', event: 'echo', dataType: 'text', data: 'hi', ackId: 1 });
    const reply = await client.next((f) => f.type === 'message' || f.type === 'ack');
    expect(reply).toMatchObject({ type: 'message', from: 'server', dataType: 'json' });
    expect(reply.data).toEqual({
      data: 'hi',
      dataType: 'Text',
      userId,
      states: { tier: 'gold', profile: { visits: 0, tags: ['a', 'b'] } },
    });
    expect(await client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 1,
      success: true,
    });
    client.sendJson({ type: 'event', event: 'echo', dataType: 'json', data: { a: 1 }, ackId: 2 });
    const second = await client.next((f) => f.type === 'message');
    expect(second.data).toMatchObject({
      data: '{"a":1}',
      dataType: 'Json',
      states: { visits: 1, tier: 'gold' },
    });
    client.ws.close();
  });

  it('replies with text, and with binary to a binary trigger named data', async () => {
    const { client } = await openJson(uniqueName('u'));
    client.sendJson({ type: 'event', event: 'shout', dataType: 'text', data: 'hey', ackId: 1 });
    expect(await client.next((f) => f.type === 'message')).toMatchObject({
      dataType: 'text',
      data: 'HEY!',
    });
    const bytes = Buffer.from([1, 2, 250]).toString('base64');
    client.sendJson({ type: 'event', event: 'bytes', dataType: 'binary', data: bytes, ackId: 2 });
    const reply = await client.next((f) => f.type === 'message');
    expect(reply).toMatchObject({
      dataType: 'binary',
      data: Buffer.from([250, 2, 1]).toString('base64'),
    });
    client.ws.close();
  });

  it('parses a text trigger argument named data the way the library parses strings', async () => {
    const { client } = await openJson(uniqueName('u'));
    const cases: [string, unknown, unknown][] = [
      ['json', { x: 1 }, { type: 'object', data: { x: 1 }, metadataData: '{"x":1}' }],
      ['text', 'plain', { type: 'string', data: 'plain', metadataData: 'plain' }],
      ['text', '42', { type: 'number', data: 42, metadataData: '42' }],
    ];
    for (const [dataType, data, expected] of cases) {
      client.sendJson({ type: 'event', event: 'text', dataType, data });
      expect((await client.next((f) => f.type === 'message')).data).toEqual(expected);
    }
    client.ws.close();
  });

  it('binds a trigger named connectionContext to the context, with camel-cased triggerMetadata', async () => {
    const userId = uniqueName('who');
    const { client, connectionId } = await openJson(userId);
    client.sendJson({ type: 'event', event: 'whoami', dataType: 'text', data: 'me' });
    const { connectionContext, metadata } = (await client.next((f) => f.type === 'message'))
      .data as { connectionContext: Context; metadata: unknown };
    expect(connectionContext).toMatchObject({
      eventType: 'User',
      eventName: 'whoami',
      connectionId,
      userId,
      states: { tier: 'gold' },
    });
    expect(
      connectionContext.headers['ce-eventname'] ?? connectionContext.headers['ce-eventName'],
    ).toEqual(['whoami']);
    expect(metadata).toMatchObject({
      dataType: 'Text',
      data: 'me',
      request: { data: 'me', dataType: 'Text', connectionContext: { eventType: 'User' } },
      connectionContext: { eventName: 'whoami', states: { tier: 'gold' } },
    });
    client.ws.close();
  });
});

describe("a trigger's own connections", () => {
  it('checks signatures with the named connection: another key means 401 for the service', async () => {
    const service = serviceClient(stack.emulator().connectionString, 'secured');
    const { url } = await service.getClientAccessToken({ userId: uniqueName('u') });
    expect(await expectRefused(url, JSON_V1)).toBe(401);
  });
});

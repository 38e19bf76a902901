// invoke / invokeResponse / cancelInvocation on the wire: exact frames on both JSON subprotocols,
// validation, duplicate invocation ids, cancel, and what protobuf clients get.
import type { ServerResponse } from 'node:http';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName, useEmulator } from '../setup/emulator';
import type { ReceivedEvent, RecordingHandler } from '../setup/recording-handler';
import { startRecordingHandler } from '../setup/recording-handler';
import { openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const RELIABLE = 'json.reliable.webpubsub.azure.v1';

const holds: ServerResponse[] = [];
function respond({ headers, body }: ReceivedEvent, res: ServerResponse): void {
  const event = headers['ce-eventname'];
  if (event === 'echo') {
    res.writeHead(200, { 'Content-Type': headers['content-type'] ?? 'text/plain' }).end(body);
  } else if (event === 'hold') holds.push(res);
  else res.writeHead(500).end();
}

describe('invoke frames', () => {
  const emulator = useEmulator({ invokeTimeoutMs: 2000 });
  let handler: RecordingHandler;
  beforeAll(async () => {
    handler = await startRecordingHandler(respond);
    emulator().configureHub(TEST_HUB, handler.hubSettings());
  });
  afterAll(async () => {
    for (const res of holds) res.writeHead(200).end('late');
    await handler.close();
  });

  async function connect(protocol = JSON_V1) {
    const service = new WebPubSubServiceClient(emulator().connectionString, TEST_HUB);
    const { url } = await service.getClientAccessToken({ userId: uniqueName('u') });
    const client = await openClient(url, protocol);
    // Protobuf frames stay Buffers; JSON ones are parsed.
    await client.next(
      (f) => Buffer.isBuffer(f) || (f.type === 'system' && f.event === 'connected'),
    );
    return client;
  }

  it.each([JSON_V1, RELIABLE])(
    'answers an invoke with one invokeResponse (%s)',
    async (protocol) => {
      const client = await connect(protocol);
      client.sendJson({
        type: 'invoke',
        invocationId: 'a1',
        target: 'event',
        event: 'echo',
        dataType: 'json',
        data: { n: 1 },
      });
      const response = await client.next((f) => f.type === 'invokeResponse');
      // Not a data message: no sequence id even on the reliable subprotocol.
      expect(response).toEqual({
        type: 'invokeResponse',
        invocationId: 'a1',
        success: true,
        dataType: 'json',
        data: { n: 1 },
      });
      client.sendJson({ type: 'invoke', invocationId: 'a2', target: 'event', event: 'echo' });
      expect(await client.next((f) => f.type === 'invokeResponse')).toEqual({
        type: 'invokeResponse',
        invocationId: 'a2',
        success: true,
      });
      client.ws.close();
    },
  );

  it('sends text and binary replies as sendEvent replies are sent', async () => {
    const client = await connect();
    client.sendJson({
      type: 'invoke',
      invocationId: 't',
      target: 'event',
      event: 'echo',
      dataType: 'text',
      data: 'hi "x"',
    });
    expect(await client.next((f) => f.type === 'invokeResponse')).toMatchObject({
      dataType: 'text',
      data: 'hi "x"',
    });
    client.sendJson({
      type: 'invoke',
      invocationId: 'b',
      target: 'event',
      event: 'echo',
      dataType: 'binary',
      data: 'AAH/',
    });
    expect(await client.next((f) => f.type === 'invokeResponse')).toMatchObject({
      dataType: 'binary',
      data: 'AAH/',
    });
    client.ws.close();
  });

  it('refuses a duplicate in-flight invocation id; the first one still completes', async () => {
    const client = await connect();
    const invoke = { type: 'invoke', invocationId: 'd1', target: 'event', event: 'hold' };
    client.sendJson(invoke);
    await handler.until(() => holds.length > 0, 'the held invocation');
    client.sendJson(invoke);
    expect(await client.next((f) => f.type === 'invokeResponse')).toEqual({
      type: 'invokeResponse',
      invocationId: 'd1',
      success: false,
      error: { name: 'Duplicate', message: 'Invocation with id: d1 is in progress.' },
    });
    holds.shift()!.writeHead(200, { 'Content-Type': 'text/plain' }).end('done');
    expect(await client.next((f) => f.type === 'invokeResponse')).toEqual({
      type: 'invokeResponse',
      invocationId: 'd1',
      success: true,
      dataType: 'text',
      data: 'done',
    });
    client.ws.close();
  });

  it('drops the answer of a cancelled invocation', async () => {
    const client = await connect();
    client.sendJson({ type: 'invoke', invocationId: 'x1', target: 'event', event: 'hold' });
    await handler.until(() => holds.length > 0, 'the held invocation');
    client.sendJson({ type: 'cancelInvocation', invocationId: 'x1' });
    client.sendJson({ type: 'cancelInvocation', invocationId: 'unknown' });
    holds.shift()!.writeHead(200).end('late');
    client.sendJson({ type: 'ping' });
    await client.next((f) => f.type === 'pong');
    client.sendJson({ type: 'invoke', invocationId: 'x2', target: 'event', event: 'echo' });
    await client.next((f) => f.type === 'invokeResponse' && f.invocationId === 'x2');
    const frames = client.frames.map((f) => JSON.parse(String(f)) as { type: string });
    expect(frames.filter((f) => f.type === 'invokeResponse')).toHaveLength(1);
    client.ws.close();
  });

  it('answers BadRequest for a bad target, event or data; closes (1007) on a missing invocationId', async () => {
    const client = await connect();
    const bad = async (frame: object) => {
      client.sendJson({ type: 'invoke', invocationId: 'v', ...frame });
      return client.next((f) => f.type === 'invokeResponse');
    };
    expect(await bad({ target: 'group', event: 'echo' })).toEqual({
      type: 'invokeResponse',
      invocationId: 'v',
      success: false,
      error: {
        name: 'BadRequest',
        message: "Unsupported invocation target 'group'; only 'event' is.",
      },
    });
    expect(await bad({ target: 'event', event: '1bad' })).toMatchObject({
      success: false,
      error: { name: 'BadRequest' },
    });
    expect(await bad({ target: 'event', event: 'echo', dataType: 'text', data: 5 })).toMatchObject({
      success: false,
      error: { name: 'BadRequest', message: 'data must be a string when dataType is text.' },
    });
    client.sendJson({ type: 'invoke', target: 'event', event: 'echo' });
    const closed = await client.closed;
    expect(closed.code).toBe(1007);
    expect(closed.reason).toContain('invocationId');
  });

  it('keeps protobuf clients as they were: their schema has no invoke', async () => {
    const client = await connect('protobuf.webpubsub.azure.v1');
    client.ws.send(JSON.stringify({ type: 'invoke' }));
    expect((await client.closed).code).toBe(1003);
  });
});

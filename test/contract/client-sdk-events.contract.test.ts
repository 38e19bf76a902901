// The official client SDK's sendEvent against the emulator and a bare node:http event handler:
// CloudEvents for each data type, the handler's reply before the ack, fire-and-forget, failures
// and duplicate ackIds.
import type { ServerResponse } from 'node:http';

import type { SendMessageError, WebPubSubClientOptions } from '@azure/web-pubsub-client';
import { payloads } from '@wps-local/test-kit';
import { describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import type { ReceivedEvent } from '../setup/recording-handler';
import { useSdkSuite } from '../setup/sdk-suite';

/** Echoes `echo` events (same body and Content-Type), accepts `silent` with 204, fails the rest. */
function respond({ headers, body }: ReceivedEvent, res: ServerResponse): void {
  const type = headers['ce-type'];
  if (type === 'azure.webpubsub.user.echo') {
    res.writeHead(200, { 'Content-Type': headers['content-type'] ?? 'text/plain' }).end(body);
  } else if (type === 'azure.webpubsub.user.silent') res.writeHead(204).end();
  else res.writeHead(500).end('handler failure details');
}

const NO_RETRY: WebPubSubClientOptions = { messageRetryOptions: { maxRetries: 0 } };

describe('@azure/web-pubsub-client: sendEvent through an event handler', () => {
  const sdk = useSdkSuite({ handler: { respond } });

  async function started(options: WebPubSubClientOptions = {}) {
    const userId = uniqueName('u');
    const rc = sdk.client({ userId }, options);
    const connectionId = await rc.start();
    const requests = () =>
      sdk.handler.received.filter((r) => r.headers['ce-connectionid'] === connectionId);
    return { rc, userId, connectionId, requests };
  }

  it('sends text, json and binary events as CloudEvents; the reply arrives before the ack', async () => {
    const { rc, userId, connectionId, requests } = await started();
    const bytes = new Uint8Array([9, 8, 7, 0, 255]).buffer;
    const results = [await rc.client.sendEvent('echo', 'hello', 'text')];
    // The reply is a server message sent before the ack, so it is already here.
    expect(payloads(rc.messages)).toEqual(['hello']);
    results.push(await rc.client.sendEvent('echo', { list: [1, 'two'], ok: true }, 'json'));
    results.push(await rc.client.sendEvent('echo', bytes, 'binary'));
    expect(payloads(rc.messages)).toEqual([
      'hello',
      { list: [1, 'two'], ok: true },
      'bin:09080700ff',
    ]);
    for (const r of results) expect(r).toEqual({ ackId: expect.any(Number), isDuplicated: false });
    expect(rc.messages.map((m) => [m.kind, m.dataType, m.sequenceId])).toEqual([
      ['serverData', 'text', 1],
      ['serverData', 'json', 2],
      ['serverData', 'binary', 3],
    ]);

    const posts = requests();
    expect(posts.map((p) => p.headers['content-type'])).toEqual([
      expect.stringMatching(/^text\/plain/),
      expect.stringMatching(/^application\/json/),
      'application/octet-stream',
    ]);
    expect(posts[0]!.body.toString()).toBe('hello');
    expect(JSON.parse(posts[1]!.body.toString())).toEqual({ list: [1, 'two'], ok: true });
    expect(posts[2]!.body).toEqual(Buffer.from([9, 8, 7, 0, 255]));
    for (const p of posts) {
      expect(p.headers).toMatchObject({
        'ce-specversion': '1.0',
        'ce-type': 'azure.webpubsub.user.echo',
        'ce-eventname': 'echo',
        'ce-hub': TEST_HUB,
        'ce-connectionid': connectionId,
        'ce-userid': userId,
        'ce-subprotocol': 'json.reliable.webpubsub.azure.v1',
      });
    }
  });

  it('acks an event the handler accepts without a body, and sends no message', async () => {
    const { rc, requests } = await started();
    expect(await rc.client.sendEvent('silent', 'quiet', 'text')).toMatchObject({
      isDuplicated: false,
    });
    await rc.client.sendEvent('echo', 'marker', 'text');
    expect(payloads(rc.messages)).toEqual(['marker']);
    expect(requests().map((r) => r.headers['ce-eventname'])).toEqual(['silent', 'echo']);
  });

  it('sends fire-and-forget events without an ack; the reply still arrives', async () => {
    const { rc, requests } = await started();
    const result = await rc.client.sendEvent('echo', 'no ack', 'text', { fireAndForget: true });
    expect(result).toEqual({ isDuplicated: false });
    const message = await rc.until(() => rc.messages[0], 'the reply');
    expect(message).toMatchObject({ kind: 'serverData', dataType: 'text', data: 'no ack' });
    expect(requests()).toHaveLength(1);
  });

  it('rejects an event the handler fails with InternalServerError, without its details', async () => {
    const { rc } = await started(NO_RETRY);
    const error = await rc.client.sendEvent('fail', 'x', 'text').then(
      () => undefined,
      (e: unknown) => e,
    );
    // By name: the test kit's clients come from the SDK's CommonJS build, this file imports its ESM one.
    expect(error).toMatchObject({ name: 'SendMessageError' });
    const detail = (error as SendMessageError).errorDetail;
    expect(detail).toMatchObject({ name: 'InternalServerError' });
    expect(detail?.message).not.toContain('handler failure details');
    // The connection is still usable.
    await rc.client.sendEvent('echo', 'still here', 'text');
    expect(payloads(rc.messages)).toEqual(['still here']);
  });

  it('answers a reused event ackId as a duplicate without calling the handler again', async () => {
    const { rc, requests } = await started();
    expect(await rc.client.sendEvent('silent', 'once', 'text', { ackId: 77 })).toEqual({
      ackId: 77,
      isDuplicated: false,
    });
    expect(await rc.client.sendEvent('silent', 'twice', 'text', { ackId: 77 })).toEqual({
      ackId: 77,
      isDuplicated: true,
    });
    expect(requests().map((r) => r.body.toString())).toEqual(['once']);
  });
});

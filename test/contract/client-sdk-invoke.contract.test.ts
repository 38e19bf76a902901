// The official client SDK's invokeEvent against the emulator and a bare node:http event handler:
// replies of each data type, handler failures and refusals, no handler, timeout, cancel.
import type { ServerResponse } from 'node:http';

import type { InvocationError } from '@azure/web-pubsub-client';
import { describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import type { ReceivedEvent } from '../setup/recording-handler';
import { useSdkSuite } from '../setup/sdk-suite';

/** echo: same body and type; empty: 204; refuse: 403; slow: answers after `body` ms; else 500. */
function respond({ headers, body }: ReceivedEvent, res: ServerResponse): void {
  const event = headers['ce-eventname'];
  if (event === 'echo') {
    res.writeHead(200, { 'Content-Type': headers['content-type'] ?? 'text/plain' }).end(body);
  } else if (event === 'empty') res.writeHead(204).end();
  else if (event === 'refuse') res.writeHead(403).end('no');
  else if (event === 'slow') {
    setTimeout(() => res.writeHead(200).end('late'), Number(body.toString())).unref();
  } else res.writeHead(500).end('handler failure details');
}

async function invocationError(promise: Promise<unknown>): Promise<InvocationError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  // By name: the SDK ships ESM and CommonJS builds, so instanceof depends on how it was loaded.
  expect(err).toMatchObject({ name: 'InvocationError' });
  return err as InvocationError;
}

describe('@azure/web-pubsub-client: invokeEvent through an event handler', () => {
  const sdk = useSdkSuite({
    handler: { respond },
    emulator: { invokeTimeoutMs: 500 },
  });

  async function started() {
    const userId = uniqueName('u');
    const rc = sdk.client({ userId });
    const connectionId = await rc.start();
    return { rc, userId, connectionId };
  }

  it('resolves with the handler reply in each data type; the event is a user CloudEvent', async () => {
    const { rc, userId, connectionId } = await started();
    const text = await rc.client.invokeEvent('echo', 'hello', 'text');
    expect(text).toEqual({ invocationId: expect.any(String), dataType: 'text', data: 'hello' });
    const json = await rc.client.invokeEvent('echo', { a: [1, 'x'] }, 'json');
    expect(json).toMatchObject({ dataType: 'json', data: { a: [1, 'x'] } });
    const bin = await rc.client.invokeEvent('echo', new Uint8Array([1, 2, 255]).buffer, 'binary');
    expect(bin.dataType).toBe('binary');
    expect(Buffer.from(bin.data as ArrayBuffer)).toEqual(Buffer.from([1, 2, 255]));
    const post = sdk.handler.received.find((r) => r.headers['ce-connectionid'] === connectionId);
    expect(post?.headers).toMatchObject({
      'ce-type': 'azure.webpubsub.user.echo',
      'ce-eventname': 'echo',
      'ce-hub': TEST_HUB,
      'ce-userid': userId,
    });
    // An invocation is not a data message: the client sees no server message for it.
    expect(rc.messages).toEqual([]);
  });

  it('resolves without data when the handler answers with no body', async () => {
    const { rc } = await started();
    const result = await rc.client.invokeEvent('empty', 'x', 'text', { invocationId: 'e1' });
    expect(result).toEqual({ invocationId: 'e1', dataType: undefined, data: undefined });
  });

  it('rejects with the service error names: handler failure, refusal, no handler, timeout', async () => {
    const { rc } = await started();
    const failed = await invocationError(rc.client.invokeEvent('boom', 'x', 'text'));
    expect(failed.errorDetail).toEqual({
      name: 'InternalServerError',
      message: 'The event handler failed to process the event.',
    });
    expect(failed.message).toBe('The event handler failed to process the event.');
    const refused = await invocationError(rc.client.invokeEvent('refuse', 'x', 'text'));
    expect(refused.errorDetail?.name).toBe('Forbidden');

    sdk.emulator().configureHub(TEST_HUB, {});
    try {
      const none = await invocationError(rc.client.invokeEvent('echo', 'x', 'text'));
      expect(none.errorDetail).toEqual({
        name: 'InternalServerError',
        message: "No event handler is configured for the event 'echo'.",
      });
    } finally {
      sdk.emulator().configureHub(TEST_HUB, sdk.handler.hubSettings());
    }

    // Last: a connection's events reach the handler in order, so this one holds the later ones.
    const slow = await invocationError(rc.client.invokeEvent('slow', '1500', 'text'));
    expect(slow.errorDetail).toEqual({
      name: 'Timeout',
      message: 'The event handler did not answer in time.',
    });
  });

  it('cancels on abort: the SDK sends cancelInvocation and the connection stays usable', async () => {
    const { rc } = await started();
    const controller = new AbortController();
    const pending = rc.client.invokeEvent('slow', '200', 'text', {
      invocationId: 'c1',
      abortSignal: controller.signal,
    });
    controller.abort();
    const err = await invocationError(pending);
    expect(err.invocationId).toBe('c1');
    // The same id is free again once cancelled.
    const again = await rc.client.invokeEvent('echo', 'ok', 'text', { invocationId: 'c1' });
    expect(again).toMatchObject({ invocationId: 'c1', data: 'ok' });
  });
});

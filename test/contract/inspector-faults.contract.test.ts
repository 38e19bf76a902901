// Every fault of the inspector API, seen through the official SDKs and a bare `ws` client: a drop
// that a reliable client recovers from with no loss (others see 1006), a close with a chosen code,
// upstream failures, time-outs and late answers, held and paused delivery, and REST throttling with
// Retry-After that the service SDK honours; each in the live log and clearable.
import type { LogWatcher } from '@wps-local/emulator';
import { InspectorClient } from '@wps-local/emulator';
import { payloads } from '@wps-local/test-kit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import { useSdkSuite } from '../setup/sdk-suite';
import { openClient } from '../setup/ws-client';

describe('inspector faults', () => {
  const sdk = useSdkSuite({ handler: { systemEvents: ['connected', 'disconnected'] } });
  let inspector: InspectorClient;
  let log: LogWatcher;
  beforeAll(() => {
    inspector = new InspectorClient(sdk.emulator().inspectorUrl!);
  });
  afterEach(async () => {
    log?.close();
    await inspector.faults.clear();
  });
  const watch = async () => (log = await inspector.watch());

  it('drops a connection with no close frame: a reliable client recovers it and loses nothing', async () => {
    await watch();
    const userId = uniqueName('reliable');
    const client = sdk.client({ userId });
    const id = await client.start();
    const svc = sdk.service();
    await svc.sendToConnection(id, 'before', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 1, 'the first message');

    // Hold delivery so the drop happens with a message on its way; it is replayed on recovery.
    await inspector.faults.delivery({ connectionId: id, pause: true });
    await svc.sendToConnection(id, 'during', { contentType: 'text/plain' });
    expect(await inspector.faults.dropConnection(id)).toEqual([id]);
    await inspector.faults.clear();
    await svc.sendToConnection(id, 'after', { contentType: 'text/plain' });

    await client.until(() => client.messages.length >= 3, 'all three messages');
    expect(payloads(client.messages)).toEqual(['before', 'during', 'after']);
    expect(client.connected).toEqual([{ connectionId: id, userId }]); // the same connection
    expect(client.disconnected).toEqual([]);
    await log.until(
      (e) => e.kind === 'connection' && e.connectionId === id && e.status === 1006,
      'the socket closing with 1006',
    );
    await log.until(
      (e) => e.kind === 'connection' && e.connectionId === id && e.summary.startsWith('recovered'),
      'the recovery',
    );
    await log.until((e) => e.kind === 'fault' && e.summary.includes('dropped'), 'the drop');
  });

  it('drops a non-reliable client, which sees 1006; closes another with a chosen code and reason', async () => {
    const url = async () =>
      (await sdk.service().getClientAccessToken({ userId: uniqueName('j') })).url;
    const plain = await openClient(await url(), 'json.webpubsub.azure.v1');
    const { connectionId } = await plain.next<{ connectionId: string; event?: string }>(
      (f) => f.event === 'connected',
    );
    await inspector.faults.dropConnection({ hub: TEST_HUB, connectionId });
    expect((await plain.closed).code).toBe(1006);

    const other = await openClient(await url(), 'json.webpubsub.azure.v1');
    const second = await other.next<{ connectionId: string; event?: string }>(
      (f) => f.event === 'connected',
    );
    await inspector.faults.closeConnection(second.connectionId, 4321, 'Shaken on purpose.');
    const disconnected = await other.next((f) => f.event === 'disconnected');
    expect(disconnected).toMatchObject({ message: 'Shaken on purpose.' });
    expect(await other.closed).toEqual({ code: 4321, reason: 'Shaken on purpose.' });
  });

  it('fails the next N upstream calls of an event with a status; the SDK retries past them', async () => {
    await watch();
    const client = sdk.client({ userId: uniqueName('events') });
    const id = await client.start();
    const fault = await inspector.faults.upstream({ event: 'order', status: 503, count: 2 });
    expect(fault.description).toContain('503');
    // The client SDK retries a failed event with the same ackId: the third attempt gets through.
    await client.client.sendEvent('order', 'pay', 'text');
    const orders = sdk.handler.received.filter(
      (e) => e.headers['ce-connectionid'] === id && e.headers['ce-eventname'] === 'order',
    );
    expect(orders.map((e) => e.body.toString())).toEqual(['pay']);
    await log.until(
      (e) => e.kind === 'upstream' && e.event === 'order' && e.status === 204,
      'the call that got through',
    );
    const calls = log.entries.filter((e) => e.kind === 'upstream' && e.event === 'order');
    expect(calls.map((e) => [e.status, e.outcome])).toEqual([
      [503, 'fault'],
      [503, 'fault'],
      [204, 'ok'],
    ]);
    expect(await inspector.faults.list()).toEqual([]); // used up
  });

  it('times out upstream calls of one user, and answers late for a delay', async () => {
    await watch();
    const userId = uniqueName('slow');
    const client = sdk.client({ userId });
    await client.start();
    await inspector.faults.upstream({ userId, timeout: true, count: 1 });
    await client.client.sendEvent('work', 'x', 'text'); // failed once, then retried by the SDK
    const timedOut = await log.until(
      (e) => e.kind === 'upstream' && e.event === 'work' && e.outcome === 'fault',
      'the timed-out call',
    );
    expect(timedOut.summary).toContain('timed out');
    expect(timedOut.status).toBeUndefined();

    await inspector.faults.upstream({ userId, delayMs: 150, count: 1 });
    await client.client.sendEvent('work', 'late', 'text');
    const late = await log.until(
      (e) =>
        e.kind === 'upstream' && e.event === 'work' && e.outcome === 'fault' && e.status === 204,
      'the late answer',
    );
    expect(late.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('pauses delivery to a connection until cleared, and delays it in order', async () => {
    const slow = sdk.client({ userId: uniqueName('paused') });
    const slowId = await slow.start();
    const fast = sdk.client({ userId: uniqueName('fast') });
    const fastId = await fast.start();
    const pause = await inspector.faults.delivery({ connectionId: slowId, pause: true });
    const svc = sdk.service();
    for (const text of ['one', 'two']) {
      await svc.sendToConnection(slowId, text, { contentType: 'text/plain' });
    }
    await svc.sendToConnection(fastId, 'marker', { contentType: 'text/plain' });
    await fast.until(() => fast.messages.length >= 1, 'the marker');
    expect(slow.messages).toEqual([]); // sent before the marker, still held
    await inspector.faults.clear(pause.id);
    await slow.until(() => slow.messages.length >= 2, 'the held messages');
    expect(payloads(slow.messages)).toEqual(['one', 'two']);

    await inspector.faults.delivery({ connectionId: slowId, delayMs: 50, durationMs: 60_000 });
    await svc.sendToConnection(slowId, 'three', { contentType: 'text/plain' });
    await svc.sendToConnection(slowId, 'four', { contentType: 'text/plain' });
    await slow.until(() => slow.messages.length >= 4, 'the delayed messages');
    expect(payloads(slow.messages)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('throttles REST calls with 429 and Retry-After, which the service SDK honours', async () => {
    await watch();
    const client = sdk.client({ userId: uniqueName('throttled') });
    await client.start();
    await inspector.faults.throttleRest({ hub: TEST_HUB, count: 1, retryAfterSeconds: 1 });
    await sdk.service().sendToAll('after a retry', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 1, 'the message');
    await log.until((e) => e.kind === 'rest' && e.status === 202, 'the retried call');
    const rest = log.entries.filter((e) => e.kind === 'rest' && e.summary.includes(':send'));
    expect(rest.map((e) => e.status)).toEqual([429, 202]);
    expect(rest[0]!.outcome).toBe('fault');
  });

  it('lists faults by target and clears them one by one or all at once', async () => {
    await watch();
    const a = await inspector.faults.upstream({ hub: TEST_HUB, event: 'x', status: 500 });
    const b = await inspector.faults.throttleRest({ hub: 'elsewhere', durationMs: 60_000 });
    expect((await inspector.faults.list()).map((f) => f.id)).toEqual([a.id, b.id]);
    await inspector.faults.clear(a.id);
    expect((await inspector.faults.list()).map((f) => f.id)).toEqual([b.id]);
    await inspector.faults.clear();
    expect(await inspector.faults.list()).toEqual([]);
    await log.until((e) => e.summary.startsWith('fault cleared: REST throttled'), 'the clear');
    await expect(inspector.faults.clear(a.id)).rejects.toThrow(/404/);
    await expect(inspector.faults.upstream({ event: 'x' })).rejects.toThrow(/400/);
  });
});

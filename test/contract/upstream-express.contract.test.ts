// The emulator as an event-handler caller, judged by the official `@azure/web-pubsub-express`
// handler: connect decisions, connected / disconnected, user events with replies, state, signature.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type {
  ConnectRequest,
  DisconnectedRequest,
  UserEventRequest,
} from '@azure/web-pubsub-express';
import type { RunningEmulator } from '@wps-local/emulator';
import { startEmulator } from '@wps-local/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { conditionWaiter } from '../setup/condition';
import { uniqueName } from '../setup/emulator';
import type { TestUpstream } from '../setup/upstream';
import { startExpressUpstream } from '../setup/upstream';
import { expectRefused, openClient } from '../setup/ws-client';

const HUB = 'expresshub';
const JSON_V1 = 'json.webpubsub.azure.v1';

describe('event handlers built with @azure/web-pubsub-express', () => {
  let emulator: RunningEmulator;
  let upstream: TestUpstream & { badSignatures: number };
  const connects: ConnectRequest[] = [];
  const connected: string[] = [];
  const disconnected: DisconnectedRequest[] = [];
  const userEvents: UserEventRequest[] = [];
  /** States as each user event arrived (the handler's setState mutates the request's copy). */
  const statesSeen: Record<string, unknown>[] = [];
  const { changed, until } = conditionWaiter();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, logLevel: 'silent', upstreamRetryDelaysMs: [10] });
    upstream = await startExpressUpstream(HUB, emulator.accessKey, {
      allowedEndpoints: [emulator.url],
      handleConnect(req, res) {
        connects.push(req);
        const q = req.queries ?? {};
        if (q.reject) return res.fail(401, 'not you');
        res.setState('tier', 'gold');
        res.success({
          userId: q.asUser?.[0] ?? undefined,
          groups: q.group ?? undefined,
          roles: ['webpubsub.joinLeaveGroup'],
        });
      },
      onConnected(req) {
        connected.push(req.context.connectionId);
        changed();
      },
      onDisconnected(req) {
        disconnected.push(req);
        changed();
      },
      handleUserEvent(req, res) {
        userEvents.push(req);
        statesSeen.push({ ...req.context.states });
        if (req.context.eventName === 'fail') return res.fail(500, 'boom');
        if (req.context.eventName === 'silent') return res.success();
        res.setState('seen', ((req.context.states.seen as number | undefined) ?? 0) + 1);
        res.success(`echo:${String(req.data)}:${String(req.context.states.tier)}`, 'text');
      },
    });
    emulator.configureHub(HUB, {
      eventHandlers: [
        {
          urlTemplate: upstream.url,
          userEventPattern: '*',
          systemEvents: ['connect', 'connected', 'disconnected'],
        },
      ],
    });
  });
  afterAll(async () => {
    await emulator.close();
    await upstream.close();
  });

  const service = () =>
    new WebPubSubServiceClient(emulator.connectionString, HUB, { allowInsecureConnection: true });

  it('lets the connect handler set the user, groups and roles, and sees the client as the service does', async () => {
    const group = uniqueName('g');
    const { url } = await service().getClientAccessToken({
      userId: 'token-user',
      roles: ['custom.role'],
    });
    const client = await openClient(`${url}&asUser=handler-user&group=${group}`, JSON_V1);
    const hello = await client.next((f) => f.type === 'system');
    expect(hello).toMatchObject({ event: 'connected', userId: 'handler-user' });
    const req = connects.at(-1)!;
    expect(req.context).toMatchObject({ hub: HUB, userId: 'token-user', eventName: 'connect' });
    expect(req.claims?.role).toEqual(['custom.role']);
    expect(req.queries?.access_token).toBeUndefined();
    expect(req.subprotocols).toEqual([JSON_V1]);
    expect(await service().groupExists(group)).toBe(true);
    await until(() => connected.includes(hello.connectionId as string));
    client.sendJson({ type: 'joinGroup', group: 'any', ackId: 1 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({ success: true });
    client.ws.close();
    await until(() => disconnected.some((d) => d.context.connectionId === hello.connectionId));
  });

  it("refuses the handshake with the handler's status and sends no connected/disconnected", async () => {
    const { url } = await service().getClientAccessToken({ userId: uniqueName('u') });
    const before = { connected: connected.length, disconnected: disconnected.length };
    expect(await expectRefused(`${url}&reject=1`, JSON_V1)).toBe(401);
    // A later successful connection proves the event queue moved on without the refused one.
    const ok = await openClient(url, JSON_V1);
    const hello = await ok.next((f) => f.type === 'system');
    await until(() => connected.includes(hello.connectionId as string));
    expect(connected.length).toBe(before.connected + 1);
    expect(disconnected.length).toBe(before.disconnected);
    ok.ws.close();
  });

  it('returns the user-event reply before the ack and round-trips connection state', async () => {
    const { url } = await service().getClientAccessToken({ userId: uniqueName('u') });
    const client = await openClient(url, JSON_V1);
    await client.next((f) => f.type === 'system');
    client.sendJson({ type: 'event', event: 'echo', dataType: 'text', data: 'hi', ackId: 5 });
    const first = await client.next((f) => f.type === 'message' || f.type === 'ack');
    expect(first).toEqual({
      type: 'message',
      from: 'server',
      dataType: 'text',
      data: 'echo:hi:gold',
    });
    expect(await client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 5,
      success: true,
    });
    client.sendJson({ type: 'event', event: 'echo', dataType: 'json', data: { a: 1 }, ackId: 6 });
    await client.next((f) => f.type === 'ack');
    expect(statesSeen.at(-1)).toEqual({ tier: 'gold', seen: 1 });
    expect(userEvents.at(-1)!.data).toEqual({ a: 1 });
    client.ws.close();
  });

  it('acks a failing handler with InternalServerError and an empty reply with success only', async () => {
    const { url } = await service().getClientAccessToken({ userId: uniqueName('u') });
    const client = await openClient(url, JSON_V1);
    await client.next((f) => f.type === 'system');
    client.sendJson({ type: 'event', event: 'fail', dataType: 'text', data: 'x', ackId: 1 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 1,
      success: false,
      error: { name: 'InternalServerError' },
    });
    client.sendJson({ type: 'event', event: 'silent', dataType: 'text', data: 'x', ackId: 2 });
    expect(await client.next((f) => f.type === 'message' || f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 2,
      success: true,
    });
    // The failed ackId may be retried; the successful one is a Duplicate.
    client.sendJson({ type: 'event', event: 'silent', dataType: 'text', data: 'x', ackId: 1 });
    expect(await client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 1,
      success: true,
    });
    client.sendJson({ type: 'event', event: 'silent', dataType: 'text', data: 'x', ackId: 2 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 2,
      success: false,
      error: { name: 'Duplicate' },
    });
    client.ws.close();
  });

  it('signs every event with the access key and validated the handler first (abuse protection)', () => {
    expect(upstream.badSignatures).toBe(0);
    const options = upstream.requests.filter((r) => r.method === 'OPTIONS');
    expect(options.length).toBeGreaterThanOrEqual(1);
    expect(options[0]!.headers['webhook-request-origin']).toBe('localhost');
    const firstPost = upstream.requests.findIndex((r) => r.method === 'POST');
    expect(upstream.requests.findIndex((r) => r.method === 'OPTIONS')).toBeLessThan(firstPost);
    const post = upstream.requests[firstPost]!;
    expect(post.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-awpsversion': '1.0',
      'ce-type': 'azure.webpubsub.sys.connect',
      'ce-hub': HUB,
      'ce-eventname': 'connect',
      'ce-id': '0',
    });
    expect(post.headers['ce-source']).toBe(
      `/hubs/${HUB}/client/${String(post.headers['ce-connectionid'])}`,
    );
  });
});

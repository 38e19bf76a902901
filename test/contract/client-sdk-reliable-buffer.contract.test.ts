// The reliable protocol below the SDK, with a bare `ws` client that acks only when told to:
// sequenceAck trims what a recovery replays, the unacked buffer is bounded (1,000 messages or
// 16 MiB, then the connection is closed as unrecoverable), and a REST close during the recovery
// window ends the connection for good.
import { serviceClient } from '@wps-local/test-kit';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName, useEmulator } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import type { Frame, RecordingClient } from '../setup/ws-client';
import { openClient } from '../setup/ws-client';

const RELIABLE = 'json.reliable.webpubsub.azure.v1';
const JSON_V1 = 'json.webpubsub.azure.v1';

describe('json.reliable.webpubsub.azure.v1: acks, replay and the unacked buffer', () => {
  const emulator = useEmulator();
  const service = () => serviceClient(emulator().connectionString, TEST_HUB);
  const open: RecordingClient[] = [];
  afterEach(() => {
    for (const c of open.splice(0)) c.ws.terminate();
  });

  async function reliableClient(groups: string[] = []) {
    const { url } = await service().getClientAccessToken({ userId: uniqueName('u'), groups });
    const client = await openClient(url, RELIABLE);
    open.push(client);
    const connected = await client.next((f) => f.type === 'system' && f.event === 'connected');
    const connectionId = connected.connectionId as string;
    const recoveryUrl =
      `${url}&awps_connection_id=${encodeURIComponent(connectionId)}` +
      `&awps_reconnection_token=${encodeURIComponent(connected.reconnectionToken as string)}`;
    return { client, connectionId, recoveryUrl };
  }

  async function recover(recoveryUrl: string) {
    const client = await openClient(recoveryUrl, RELIABLE);
    open.push(client);
    return client;
  }

  async function publisher() {
    const { url } = await service().getClientAccessToken({ roles: ['webpubsub.sendToGroup'] });
    const client = await openClient(url, JSON_V1);
    open.push(client);
    let ackId = 0;
    /** Publishes `count` text messages to `group`; resolves when the service acked the last. */
    const publish = async (group: string, count: number, data = (i: number) => `m${i}`) => {
      for (let i = 1; i < count; i++) {
        client.sendJson({ type: 'sendToGroup', group, dataType: 'text', data: data(i) });
      }
      const last = ++ackId;
      client.sendJson({
        type: 'sendToGroup',
        group,
        dataType: 'text',
        data: data(count),
        ackId: last,
      });
      const ack = await client.next((f) => f.type === 'ack' && f.ackId === last, 10_000);
      expect(ack).toMatchObject({ success: true });
    };
    return publish;
  }

  /** Round trip on the same socket: every frame sent before it has been handled. */
  async function sync(client: RecordingClient) {
    client.sendJson({ type: 'ping' });
    await client.next((f) => f.type === 'pong');
  }

  const isMessage = (f: Frame) => f.type === 'message';
  const exists = (id: string) => service().connectionExists(id);

  it('replays only what was not acknowledged, then continues the sequence', async () => {
    const { client, connectionId, recoveryUrl } = await reliableClient();
    const svc = service();
    for (let i = 1; i <= 5; i++) {
      await svc.sendToConnection(connectionId, `m${i}`, { contentType: 'text/plain' });
    }
    const first = [];
    for (let i = 1; i <= 5; i++) first.push(await client.next(isMessage));
    expect(first.map((m) => [m.sequenceId, m.data])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
      [3, 'm3'],
      [4, 'm4'],
      [5, 'm5'],
    ]);
    client.sendJson({ type: 'sequenceAck', sequenceId: 3 });
    await sync(client);
    client.ws.terminate(); // no close frame: the service keeps the connection for its window
    await client.closed;
    for (let i = 6; i <= 7; i++) {
      await svc.sendToConnection(connectionId, `m${i}`, { contentType: 'text/plain' });
    }

    const back = await recover(recoveryUrl);
    const replayed = [];
    for (let i = 0; i < 4; i++) replayed.push(await back.next(isMessage));
    expect(replayed.map((m) => [m.sequenceId, m.data])).toEqual([
      [4, 'm4'],
      [5, 'm5'],
      [6, 'm6'],
      [7, 'm7'],
    ]);
    await svc.sendToConnection(connectionId, 'm8', { contentType: 'text/plain' });
    expect(await back.next(isMessage)).toMatchObject({ sequenceId: 8, data: 'm8' });
    await sync(back);
    expect(
      back.frames.filter((f) => typeof f === 'string' && f.includes('"message"')),
    ).toHaveLength(5);

    // Acking everything then dropping again: the next recovery replays nothing.
    back.sendJson({ type: 'sequenceAck', sequenceId: 8 });
    await sync(back);
    back.ws.terminate();
    await back.closed;
    const again = await recover(recoveryUrl);
    await sync(again);
    await svc.sendToConnection(connectionId, 'm9', { contentType: 'text/plain' });
    expect(await again.next(isMessage)).toMatchObject({ sequenceId: 9, data: 'm9' });
    expect(
      again.frames.filter((f) => typeof f === 'string' && f.includes('"message"')),
    ).toHaveLength(1);
  });

  it('recovers although the access token in the URL has expired since (it is not checked again)', async () => {
    const { client, connectionId, recoveryUrl } = await reliableClient();
    client.ws.terminate();
    await client.closed;
    await service().sendToConnection(connectionId, 'kept', { contentType: 'text/plain' });
    const url = new URL(recoveryUrl);
    const expired = jwt.sign({ exp: Math.floor(Date.now() / 1000) - 600 }, emulator().accessKey, {
      audience: `${emulator().url}/client/hubs/${TEST_HUB}`,
    });
    url.searchParams.set('access_token', expired);
    const back = await recover(url.toString());
    expect(await back.next(isMessage)).toMatchObject({ sequenceId: 1, data: 'kept' });
    expect(await exists(connectionId)).toBe(true);
  });

  it('closes a client with 1,000 unacked messages when the 1,001st arrives; acks make room', async () => {
    const group = uniqueName('room');
    const { client, connectionId, recoveryUrl } = await reliableClient([group]);
    const publish = await publisher();
    await publish(group, 1000);
    await sync(client);
    expect(await exists(connectionId)).toBe(true);
    // Acknowledged messages leave the buffer: 1,000 more fit again.
    client.sendJson({ type: 'sequenceAck', sequenceId: 1000 });
    await sync(client);
    await publish(group, 1000);
    await sync(client);
    expect(await exists(connectionId)).toBe(true);

    await publish(group, 1);
    expect((await client.closed).code).toBe(1008);
    expect(await client.next((f) => f.type === 'system' && f.event === 'disconnected')).toEqual({
      type: 'system',
      event: 'disconnected',
      message: expect.any(String),
    });
    expect(await exists(connectionId)).toBe(false);
    // Unrecoverable: the recovery is refused with 1008.
    const late = await recover(recoveryUrl);
    expect((await late.closed).code).toBe(1008);
  });

  it('closes a client whose unacked messages exceed 16 MiB', async () => {
    const group = uniqueName('room');
    const { client, connectionId } = await reliableClient([group]);
    const publish = await publisher();
    // Frames of about 1,000,100 bytes: 16 fit in 16 MiB (16,777,216 bytes), 17 do not.
    const big = (i: number) => String(i % 10).repeat(1_000_000);
    await publish(group, 16, big);
    await sync(client);
    expect(await exists(connectionId)).toBe(true);
    await publish(group, 1, big);
    expect((await client.closed).code).toBe(1008);
    expect(await exists(connectionId)).toBe(false);
  });

  it('ends a dropped connection closed over REST during its recovery window', async () => {
    const { client, connectionId, recoveryUrl } = await reliableClient();
    client.ws.terminate();
    await client.closed;
    expect(await exists(connectionId)).toBe(true); // waiting for its client
    await service().closeConnection(connectionId, { reason: 'gone' });
    await eventually(async () => !(await exists(connectionId)), 'the connection to end');
    const late = await recover(recoveryUrl);
    expect((await late.closed).code).toBe(1008);
  });
});

// Client access tokens: the SDK's getClientAccessToken (signed locally with the key) and the REST
// `POST /api/hubs/{hub}/:generateToken` (called with raw HTTP and a key-signed Bearer token whose
// audience is the full request URL, since the SDK sends that call only with an Entra credential,
// and only over https). Every token is proven by connecting with it.
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import { groupMessage, JSON_V1, serverMessage, uniqueHub, useRestHarness } from '../setup/rest';
import type { RecordingClient } from '../setup/ws-client';
import { expectRefused, openClient } from '../setup/ws-client';

describe('client access tokens', () => {
  const h = useRestHarness();
  const clients: RecordingClient[] = [];
  afterEach(async () => {
    const all = clients.splice(0);
    for (const c of all) c.ws.terminate();
    await Promise.all(all.map((c) => c.closed));
  });

  async function connectWith(url: string) {
    const client = await openClient(url, JSON_V1);
    clients.push(client);
    const connected = await client.next((f) => f.type === 'system' && f.event === 'connected');
    return { client, connected };
  }

  async function generate(hub: string, query: Record<string, string | string[]> = {}) {
    const res = await h.request(`/api/hubs/${hub}/:generateToken`, {
      method: 'POST',
      query,
      headers: { accept: 'application/json, text/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return (res.json as { token: string }).token;
  }

  const clientUrl = (hub: string, token: string) =>
    `${h.emulator().url.replace(/^http/, 'ws')}/client/hubs/${hub}?access_token=${token}`;

  it('getClientAccessToken signs locally: audience, sub, roles, groups and expiry', async () => {
    const svc = h.service();
    const userId = uniqueName('u');
    const group = uniqueName('g');
    const before = Math.floor(Date.now() / 1000);
    const res = await svc.getClientAccessToken({
      userId,
      roles: ['webpubsub.sendToGroup', `webpubsub.joinLeaveGroup.${group}`],
      groups: [group],
      expirationTimeInMinutes: 5,
    });
    const base = `${h.emulator().url.replace(/^http/, 'ws')}/client/hubs/${TEST_HUB}`;
    expect(res.baseUrl).toBe(base);
    expect(res.url).toBe(`${base}?access_token=${res.token}`);
    const claims = jwt.verify(res.token, h.emulator().accessKey) as jwt.JwtPayload;
    expect(claims).toMatchObject({
      aud: `${h.emulator().url}/client/hubs/${TEST_HUB}`,
      sub: userId,
      role: ['webpubsub.sendToGroup', `webpubsub.joinLeaveGroup.${group}`],
      'webpubsub.group': [group],
    });
    expect(claims.exp! - before).toBeGreaterThanOrEqual(299);
    expect(claims.exp! - before).toBeLessThanOrEqual(301);

    const { client, connected } = await connectWith(res.url);
    expect(connected).toMatchObject({ userId, connectionId: expect.any(String) });
    await svc.group(group).sendToAll('to the token group');
    expect(await client.next((f) => f.type === 'message')).toEqual(
      groupMessage(group, 'json', 'to the token group'),
    );
    client.sendJson({ type: 'leaveGroup', group, ackId: 1 });
    expect(await client.next((f) => f.type === 'ack')).toEqual({
      type: 'ack',
      ackId: 1,
      success: true,
    });
  });

  it('getClientAccessToken without options: an anonymous connection on the hub', async () => {
    const hub = uniqueHub();
    const res = await h.service(hub).getClientAccessToken();
    const claims = jwt.decode(res.token) as jwt.JwtPayload;
    expect(claims.sub).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(3600);
    const { client, connected } = await connectWith(res.url);
    expect(connected.userId ?? null).toBeNull();
    await h.service(hub).sendToAll('anon');
    expect(await client.next((f) => f.type === 'message')).toEqual(serverMessage('json', 'anon'));
  });

  it('a token for one hub does not open another', async () => {
    const { token } = await h.service(uniqueHub()).getClientAccessToken({ userId: 'u' });
    expect(await expectRefused(clientUrl(uniqueHub(), token), JSON_V1)).toBe(401);
  });

  it(':generateToken returns a key-signed token with user, roles, groups and expiry', async () => {
    const hub = uniqueHub();
    const userId = uniqueName('u');
    const [g1, g2] = [uniqueName('g'), uniqueName('g')];
    const before = Math.floor(Date.now() / 1000);
    const token = await generate(hub, {
      userId,
      role: ['webpubsub.sendToGroup', `webpubsub.joinLeaveGroup.${g2}`],
      group: [g1, g2],
      minutesToExpire: '7',
    });
    const claims = jwt.verify(token, h.emulator().accessKey) as jwt.JwtPayload;
    expect(claims).toMatchObject({
      aud: `${h.emulator().url}/client/hubs/${hub}`,
      sub: userId,
      role: ['webpubsub.sendToGroup', `webpubsub.joinLeaveGroup.${g2}`],
      'webpubsub.group': [g1, g2],
    });
    expect(claims.exp! - before).toBeGreaterThanOrEqual(419);
    expect(claims.exp! - before).toBeLessThanOrEqual(421);

    const { client, connected } = await connectWith(clientUrl(hub, token));
    expect(connected.userId).toBe(userId);
    const svc = h.service(hub);
    expect(await svc.groupExists(g1)).toBe(true);
    await svc.group(g1).sendToAll('g1', { contentType: 'text/plain' });
    expect(await client.next((f) => f.type === 'message')).toEqual(groupMessage(g1, 'text', 'g1'));
    client.sendJson({ type: 'sendToGroup', group: g2, dataType: 'text', data: 'echo', ackId: 1 });
    expect(await client.next((f) => f.type === 'message')).toMatchObject({
      from: 'group',
      group: g2,
      fromUserId: userId,
      data: 'echo',
    });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({ ackId: 1, success: true });
    client.sendJson({ type: 'leaveGroup', group: g1, ackId: 2 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 2,
      success: false,
      error: { name: 'Forbidden' },
    });
  });

  it(':generateToken defaults to an hour and no user; MQTT tokens get the MQTT audience', async () => {
    const hub = uniqueHub();
    const plain = jwt.decode(await generate(hub)) as jwt.JwtPayload;
    expect(plain.sub).toBeUndefined();
    expect(plain.exp! - plain.iat!).toBe(3600);
    const { connected } = await connectWith(clientUrl(hub, await generate(hub)));
    expect(connected.userId ?? null).toBeNull();
    const mqtt = jwt.decode(await generate(hub, { clientType: 'MQTT' })) as jwt.JwtPayload;
    expect(mqtt.aud).toBe(`${h.emulator().url}/clients/mqtt/hubs/${hub}`);
    const dflt = jwt.decode(await generate(hub, { clientType: 'default' })) as jwt.JwtPayload;
    expect(dflt.aud).toBe(`${h.emulator().url}/client/hubs/${hub}`);
  });

  it(':generateToken rejects bad input and unsigned callers', async () => {
    const path = `/api/hubs/${TEST_HUB}/:generateToken`;
    const bad = async (query: Record<string, string>, status = 400) =>
      expect((await h.request(path, { method: 'POST', query })).status).toBe(status);
    await bad({ minutesToExpire: 'soon' });
    await bad({ group: ' ' });
    await bad({ clientType: 'nonsense' });
    await bad({ userId: 'x'.repeat(1025) });
    const unsigned = await h.request(path, { method: 'POST', authorization: null });
    expect(unsigned.status).toBe(401);
    expect(unsigned.json).toMatchObject({ code: 'Error.Unauthorized' });
    const wrongAud = await h.request(path, {
      method: 'POST',
      authorization: `Bearer ${h.sign(`${h.emulator().url}/api/hubs/${TEST_HUB}/:send`)}`,
    });
    expect(wrongAud.status).toBe(401);
  });
});

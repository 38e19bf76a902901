// REST authentication with raw HTTP and hand-made JWTs: missing, malformed, forged, expired,
// not-yet-valid and wrong-audience Bearer tokens get 401 with the service's error shape, and
// after each refusal nothing was delivered and the emulator still serves the official SDK.
import { AzureKeyCredential, WebPubSubServiceClient } from '@azure/web-pubsub';
import jwt from 'jsonwebtoken';
import { beforeEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import type { Peer, RawRequest } from '../setup/rest';
import { API_VERSION, expectServiceError, uniqueHub, useRestHarness } from '../setup/rest';

describe('REST authentication', () => {
  const h = useRestHarness();
  let hub: string;
  let json: Peer;
  let raw: Peer;
  let sendPath: string;
  let sendUrl: string;

  beforeEach(async () => {
    hub = uniqueHub();
    json = await h.json({ hub });
    raw = await h.raw({ hub });
    sendPath = `/api/hubs/${hub}/:send`;
    sendUrl = `${h.emulator().url}${sendPath}?api-version=${API_VERSION}`;
  });

  const send = (authorization: string | null, extra: RawRequest = {}) =>
    h.request(sendPath, {
      method: 'POST',
      contentType: 'text/plain',
      body: 'must not arrive',
      authorization,
      ...extra,
    });

  async function expect401(authorization: string | null, extra: RawRequest = {}) {
    const res = await send(authorization, extra);
    expectServiceError(res, 401, 'Error.Unauthorized');
    // The error says what is wrong, never echoing the credential.
    const secret = authorization?.split(' ').at(-1);
    if (secret && secret.length > 8) expect(res.text).not.toContain(secret);
    await h.expectSilence(json, raw);
  }

  it('accepts the SDK-style token (aud = full URL with query) and the query-less form', async () => {
    expect((await send(`Bearer ${h.sign(sendUrl)}`)).status).toBe(202);
    expect(await h.nextData(raw)).toBe('must not arrive');
    expect((await send(`Bearer ${h.sign(`${h.emulator().url}${sendPath}`)}`)).status).toBe(202);
    expect(await h.nextData(raw)).toBe('must not arrive');
    expect(await h.nextData(json)).toMatchObject({ data: 'must not arrive' });
    expect(await h.nextData(json)).toMatchObject({ data: 'must not arrive' });
    await h.expectSilence(json, raw);
  });

  it('refuses a request without an Authorization header', async () => {
    await expect401(null);
  });

  it('refuses other schemes and malformed tokens', async () => {
    await expect401(`Basic ${Buffer.from('user:pass').toString('base64')}`);
    await expect401(h.sign(sendUrl)); // the token without the Bearer scheme
    await expect401('Bearer');
    await expect401('Bearer not.a.jwt');
    await expect401(`Bearer ${h.sign(sendUrl)}x`);
  });

  it('refuses a token signed with another key', async () => {
    await expect401(`Bearer ${h.sign(sendUrl, { key: 'not-the-emulator-key-0123456789abcdef' })}`);
    const { accessKey } = h.emulator();
    await expect401(`Bearer ${h.sign(sendUrl, { key: accessKey.toUpperCase() + 'x' })}`);
  });

  it('refuses unsigned (alg none) and claim-less tokens', async () => {
    const none = jwt.sign({ aud: sendUrl, exp: Math.floor(Date.now() / 1000) + 600 }, null, {
      algorithm: 'none',
    });
    await expect401(`Bearer ${none}`);
    const noExp = jwt.sign({ aud: sendUrl }, h.emulator().accessKey, { algorithm: 'HS256' });
    await expect401(`Bearer ${noExp}`);
    const noAud = jwt.sign({}, h.emulator().accessKey, { algorithm: 'HS256', expiresIn: '1h' });
    await expect401(`Bearer ${noAud}`);
  });

  it('refuses expired and not-yet-valid tokens (beyond clock-skew tolerance)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = h.emulator().accessKey;
    const expired = jwt.sign({ aud: sendUrl, iat: now - 7200, exp: now - 3600 }, key);
    await expect401(`Bearer ${expired}`);
    const future = jwt.sign({ aud: sendUrl, nbf: now + 3600, exp: now + 7200 }, key);
    await expect401(`Bearer ${future}`);
  });

  it('refuses tokens for another path, hub, host, port or scheme', async () => {
    const base = h.emulator().url;
    const wrong = [
      `${base}/api/hubs/${hub}/:closeConnections?api-version=${API_VERSION}`,
      `${base}/api/hubs/${uniqueHub()}/:send?api-version=${API_VERSION}`,
      `${base}/api/hubs/${hub}/groups/g/:send`,
      `${base}/client/hubs/${hub}`,
      `http://example.com:${h.emulator().port}${sendPath}`,
      `http://localhost:${h.emulator().port + 1}${sendPath}`,
      `ws://localhost:${h.emulator().port}${sendPath}`,
      sendPath,
    ];
    for (const aud of wrong) await expect401(`Bearer ${h.sign(aud)}`);
  });

  it('a client access token is not a REST token', async () => {
    const { token } = await h.service(hub).getClientAccessToken({ userId: uniqueName('u') });
    await expect401(`Bearer ${token}`);
  });

  it('refuses every kind of operation, including HEAD checks, and leaves state alone', async () => {
    const group = uniqueName('g');
    const cases: [string, RawRequest][] = [
      [`/api/hubs/${hub}/connections/${json.connectionId}`, { method: 'HEAD' }],
      [`/api/hubs/${hub}/connections/${json.connectionId}`, { method: 'DELETE' }],
      [`/api/hubs/${hub}/groups/${group}/connections/${json.connectionId}`, { method: 'PUT' }],
      [`/api/hubs/${hub}/:closeConnections`, { method: 'POST' }],
      [`/api/hubs/${hub}/:generateToken`, { method: 'POST' }],
      [`/api/hubs/${hub}/groups/${group}/connections`, { method: 'GET' }],
      [
        `/api/hubs/${hub}/permissions/joinLeaveGroup/connections/${json.connectionId}`,
        { method: 'PUT', query: { targetName: group } },
      ],
    ];
    for (const [path, req] of cases) {
      const forged = h.sign(`${h.emulator().url}${path}`, {
        key: 'forged-key-forged-key-forged-key-1',
      });
      const res = await h.request(path, { ...req, authorization: `Bearer ${forged}` });
      expect(res.status, `${req.method} ${path}`).toBe(401);
      expect(res.headers.get('x-ms-error-code')).toBe('Error.Unauthorized');
    }
    const svc = h.service(hub);
    expect(await svc.connectionExists(json.connectionId)).toBe(true);
    expect(await svc.groupExists(group)).toBe(false);
    expect(
      await svc.hasPermission(json.connectionId, 'joinLeaveGroup', { targetName: group }),
    ).toBe(false);
    await h.expectSilence(json, raw);
  });

  it('the SDK with a wrong key gets RestError 401, on sends and on HEAD checks', async () => {
    const wrong = new WebPubSubServiceClient(
      h.emulator().url,
      new AzureKeyCredential('a-wrong-key-that-is-long-enough-0123456789'),
      hub,
      { allowInsecureConnection: true },
    );
    await expect(wrong.sendToAll('nope')).rejects.toMatchObject({
      name: 'RestError',
      statusCode: 401,
      code: 'Error.Unauthorized',
    });
    await expect(wrong.connectionExists(json.connectionId)).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(wrong.closeConnection(json.connectionId)).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(await h.service(hub).connectionExists(json.connectionId)).toBe(true);
    await h.expectSilence(json, raw);
  });
});

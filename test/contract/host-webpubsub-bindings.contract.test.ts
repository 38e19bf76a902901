// The Web PubSub input bindings in the offline host: negotiate (`webPubSubConnection`) with binding
// expressions, and the `webPubSubContext` input of an HTTP function used as an event handler (the
// `webPubSub` output is in host-webpubsub-actions.contract.test.ts).
import { recordClient, stopAllClients } from '@wps-local/test-kit';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useWpsStack } from '../setup/wps-host';

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

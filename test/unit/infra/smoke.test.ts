// The smoke test's logic with its pieces injected: the happy path through negotiate, connect, join
// and a message that comes back; failures name the step; sign-in errors say what to pass.
import { describe, expect, it } from 'vitest';

import { headersFrom } from '../../../infra/smoke/cli';
import type { SmokeClient, SmokeOptions } from '../../../infra/smoke/smoke';
import { checkForgedPrincipal, runSmoke } from '../../../infra/smoke/smoke';

type Handler = (e: { message: { data: unknown } }) => void;

/** A client that answers like the app does (PROTOCOL.md), or stays silent on `mute` events. */
function fakeClient(mute: string[] = [], extra: unknown[] = []) {
  const handlers: Record<string, Handler[]> = {};
  const emit = (kind: string, data: unknown) => {
    for (const h of handlers[kind] ?? []) h({ message: { data } });
  };
  const sent: { event: string; data: unknown }[] = [];
  const client = {
    start: () => Promise.resolve(),
    stop: () => setTimeout(() => emit('stopped', undefined), 1),
    on: (kind: string, h: Handler) => void (handlers[kind] ??= []).push(h),
    sendEvent: (event: string, data: Record<string, unknown>) => {
      sent.push({ event, data });
      if (mute.includes(event)) return Promise.resolve({});
      setTimeout(() => {
        for (const x of extra) emit('server-message', x);
        if (event === 'join')
          emit('server-message', { type: 'joined', room: data.room, members: [], messages: [] });
        if (event === 'message') {
          const room = (data.to as { room: string }).room;
          emit('server-message', { type: 'ack', id: data.id, room, seq: 1 });
          emit('group-message', { type: 'message', id: data.id, room, seq: 1, body: data.text });
        }
      }, 1);
      return Promise.resolve({});
    },
  };
  return { client: client as unknown as SmokeClient, sent };
}

function options(over: Partial<SmokeOptions> & Pick<SmokeOptions, 'createClient'>): SmokeOptions {
  const requests: { url: string; headers: unknown }[] = [];
  const fetchFake = (url: URL | string, init?: RequestInit) => {
    // Like App Service Authentication: principal headers without a session or token get 401.
    if ((init?.headers as Record<string, string>)['x-ms-client-principal-id'])
      return Promise.resolve(new Response('', { status: 401 }));
    requests.push({ url: String(url), headers: init?.headers });
    return Promise.resolve(
      Response.json({ url: 'wss://wps.example/client/hubs/chat?access_token=t', userId: 'u1' }),
    );
  };
  return {
    baseUrl: 'https://app.example',
    fetch: fetchFake as typeof fetch,
    timeoutMs: 200,
    ...over,
    requests,
  } as SmokeOptions;
}

describe('smoke test logic', () => {
  it('negotiates with the given headers, joins, sends, and sees the message come back', async () => {
    const { client, sent } = fakeClient();
    const o = options({
      headers: { cookie: 'AppServiceAuthSession=s' },
      createClient: () => client,
    });
    const result = await runSmoke(o);
    expect(result.userId).toBe('u1');
    expect(result.steps.map((s) => s.step)).toEqual([
      'forged-principal',
      'negotiate',
      'connect',
      'join',
      'message',
    ]);
    expect(sent.map((s) => s.event)).toEqual(['join', 'message']);
    const requests = (o as unknown as { requests: { url: string; headers: unknown }[] }).requests;
    expect(requests).toEqual([
      { url: 'https://app.example/api/negotiate', headers: { cookie: 'AppServiceAuthSession=s' } },
    ]);
  });

  it('uses the guest negotiate when asked', async () => {
    const o = options({
      guest: true,
      baseUrl: 'http://127.0.0.1:7071/',
      createClient: () => fakeClient().client,
    });
    await runSmoke(o);
    expect((o as unknown as { requests: { url: string }[] }).requests[0]!.url).toBe(
      'http://127.0.0.1:7071/api/negotiate/guest',
    );
  });

  it('names the step that timed out', async () => {
    const o = options({ createClient: () => fakeClient(['message']).client, timeoutMs: 50 });
    await expect(runSmoke(o)).rejects.toThrow('message: no answer within 50 ms');
  });

  it('fails first, naming the forged user, when negotiate trusts forged principal headers', async () => {
    const { client, sent } = fakeClient();
    const trusting = (_url: URL | string, init?: RequestInit) => {
      const id = (init?.headers as Record<string, string>)['x-ms-client-principal-id'] ?? 'guest';
      return Promise.resolve(Response.json({ url: 'wss://wps.example/x', userId: id }));
    };
    const o = options({ createClient: () => client, fetch: trusting as typeof fetch });
    await expect(runSmoke(o)).rejects.toThrow(
      /^forged-principal: negotiate answered 200 as the forged user smoke-forged-[0-9a-f]{8} to a request with forged x-ms-client-principal headers/,
    );
    expect(sent).toEqual([]);
  });

  it('sends the headers App Service Authentication would add, and accepts 401 or 403 only', async () => {
    const seen: Record<string, string>[] = [];
    const answer = (status: number) => (_url: URL | string, init?: RequestInit) => {
      seen.push(init?.headers as Record<string, string>);
      return Promise.resolve(new Response('{"error":{}}', { status }));
    };
    const base = { baseUrl: 'https://app.example', createClient: () => fakeClient().client };
    await expect(
      checkForgedPrincipal({ ...base, fetch: answer(403) as typeof fetch }),
    ).resolves.toBe(403);
    await expect(
      checkForgedPrincipal({ ...base, fetch: answer(500) as typeof fetch }),
    ).rejects.toThrow(/answered 500 to forged principal headers; expected 401/);
    const principal = JSON.parse(
      Buffer.from(seen[0]!['x-ms-client-principal']!, 'base64').toString('utf8'),
    ) as { claims: { typ: string; val: string }[] };
    expect(principal.claims).toContainEqual({ typ: 'roles', val: 'admin' });
    expect(seen[0]).toMatchObject({ 'x-ms-client-principal-idp': 'aad' });
    expect(seen[0]).not.toHaveProperty('cookie');
    expect(seen[0]).not.toHaveProperty('authorization');
  });

  it('says how to sign in when negotiate answers 401', async () => {
    const o = options({
      createClient: () => fakeClient().client,
      fetch: () =>
        Promise.resolve(new Response('{"error":{"code":"Unauthenticated"}}', { status: 401 })),
    });
    await expect(runSmoke(o)).rejects.toThrow(
      /negotiate: 401 .*--cookie 'AppServiceAuthSession=\.\.\.', --bearer <token>/,
    );
  });

  it('fails when the app answers an error envelope', async () => {
    const o = options({
      createClient: () => fakeClient([], [{ type: 'error', code: 'Forbidden' }]).client,
    });
    await expect(runSmoke(o)).rejects.toThrow(/the app answered an error: .*Forbidden/);
  });

  it('builds sign-in headers from the options', () => {
    expect(headersFrom({ cookie: 'a=b', bearer: 't', header: ['X-ZUMO-AUTH: z'] })).toEqual({
      cookie: 'a=b',
      authorization: 'Bearer t',
      'x-zumo-auth': 'z',
    });
    expect(() => headersFrom({ header: ['nocolon'] })).toThrow(/--header must be 'name: value'/);
  });
});

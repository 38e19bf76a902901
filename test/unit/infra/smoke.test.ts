// The smoke test's logic with its pieces injected: the happy path through negotiate, connect, join
// and a message that comes back; failures name the step; sign-in errors say what to pass.
import { describe, expect, it } from 'vitest';

import { headersFrom } from '../../../infra/smoke/cli';
import type { SmokeClient, SmokeOptions } from '../../../infra/smoke/smoke';
import { runSmoke } from '../../../infra/smoke/smoke';

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
    expect(result.steps.map((s) => s.step)).toEqual(['negotiate', 'connect', 'join', 'message']);
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

// The offline host's Web PubSub webhook answered the way the Functions extension answers it:
// abuse-protection probes, keys, CloudEvents header checks, routing, signatures, content types.
import { describe, expect, it } from 'vitest';

import { eventually } from '../setup/eventually';
import { useWpsStack } from '../setup/wps-host';

const stack = useWpsStack();

describe('abuse protection', () => {
  it('allows an origin that is the host of a configured endpoint, on OPTIONS and GET', async () => {
    for (const method of ['OPTIONS', 'GET']) {
      const res = await fetch(stack.webhook(), {
        method,
        headers: { 'WebHook-Request-Origin': 'localhost' },
      });
      expect([method, res.status]).toEqual([method, 200]);
      expect(res.headers.get('webhook-allowed-origin')).toBe('*');
    }
  });

  it('accepts a list of origins when one of them is configured', async () => {
    const res = await fetch(stack.webhook(), {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'evil.example.com, localhost' },
    });
    expect(res.status).toBe(200);
  });

  it('refuses an unknown origin, an origin with a port, and a probe without an origin', async () => {
    for (const origin of ['evil.example.com', 'localhost:8080', undefined]) {
      const res = await fetch(stack.webhook(), {
        method: 'OPTIONS',
        headers: origin ? { 'WebHook-Request-Origin': origin } : {},
      });
      expect([origin, res.status]).toEqual([origin, 400]);
      expect(res.headers.get('webhook-allowed-origin')).toBeNull();
    }
  });

  it('matches the path case-insensitively, with or without a trailing slash', async () => {
    const key = encodeURIComponent(stack.host().keys.systemKeys.webpubsub_extension!);
    const url = `${stack.host().url}/Runtime/WebHooks/WebPubSub/?code=${key}`;
    const res = await fetch(url, {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'localhost' },
    });
    expect(res.status).toBe(200);
  });
});

describe('keys', () => {
  const probe = (code: string) =>
    fetch(`${stack.webhookUrl()}?code=${encodeURIComponent(code)}`, {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'localhost' },
    });

  // As in Azure (azure-docs, functions security-concepts, "System keys": an extension's webhook
  // needs that extension's system key, or the master key), locally too.
  it('needs the system key or the master key, from ?code= or the x-functions-key header', async () => {
    const bare = (headers: Record<string, string> = {}) =>
      fetch(stack.webhookUrl(), {
        method: 'OPTIONS',
        headers: { 'WebHook-Request-Origin': 'localhost', ...headers },
      });
    expect((await bare()).status).toBe(401);
    expect((await bare({ 'x-functions-key': 'wrong' })).status).toBe(401);
    const systemKey = stack.host().keys.systemKeys.webpubsub_extension!;
    expect((await bare({ 'x-functions-key': systemKey })).status).toBe(200);
    expect((await probe(systemKey)).status).toBe(200);
    expect((await probe('wrong')).status).toBe(401);
    expect((await probe(stack.host().keys.functionKey)).status).toBe(401);
    expect((await probe(stack.host().keys.masterKey)).status).toBe(200);
  });

  it('accepts the webpubsub_extension system key from the keys file', async () => {
    const { readFileSync } = await import('node:fs');
    const file = JSON.parse(readFileSync(stack.host().keys.file, 'utf8')) as {
      systemKeys: { name: string; value: string }[];
    };
    const key = file.systemKeys.find((k) => k.name === 'webpubsub_extension');
    expect(key).toBeDefined();
    expect((await probe(key!.value)).status).toBe(200);
  });
});

describe('CloudEvents requests', () => {
  it('answers 400 when a required ce header or the origin is missing', async () => {
    const required = [
      'ce-connectionId',
      'ce-hub',
      'ce-type',
      'ce-eventName',
      'WebHook-Request-Origin',
    ];
    for (const missing of required) {
      const res = await stack.post({ event: 'shout', body: 'x', omit: [missing] });
      expect([missing, res.status]).toEqual([missing, 400]);
    }
  });

  it('answers 404 when no function handles the hub, event type and event name', async () => {
    expect((await stack.post({ event: 'nobody-listens' })).status).toBe(404);
    expect((await stack.post({ event: 'connect', hub: 'otherhub' })).status).toBe(404);
    // `echo` is a user event: as a system event nothing handles it.
    expect((await stack.post({ event: 'echo', system: true })).status).toBe(404);
  });

  it('routes hub and event names case-insensitively', async () => {
    const res = await stack.post({ event: 'SHOUT', hub: 'CHAT', body: 'hi' });
    expect([res.status, await res.text()]).toEqual([200, 'HI!']);
  });

  it('answers 401 for a forged, missing or wrong-origin signature', async () => {
    const forged = await stack.post({ event: 'shout', body: 'x', signature: 'sha256=00ff' });
    expect(forged.status).toBe(401);
    const missing = await stack.post({ event: 'shout', body: 'x', signature: null });
    expect(missing.status).toBe(401);
    const otherOrigin = await stack.post({
      event: 'shout',
      body: 'x',
      headers: { 'WebHook-Request-Origin': 'evil.example.com' },
    });
    expect(otherOrigin.status).toBe(401);
  });

  it('accepts one valid signature among several, in any hex case', async () => {
    const valid = stack.signature('conn-1');
    const res = await stack.post({
      event: 'shout',
      body: 'ok',
      signature: `sha256=0000,${valid.toUpperCase().replace('SHA256=', 'sha256=')}`,
    });
    expect(res.status).toBe(200);
  });

  // Key rotation: the service signs with its primary and its secondary key (azure-docs, Web PubSub
  // CloudEvents reference: ce-signature), so an app configured with either key accepts the event.
  // The extension (Config/RequestValidator.cs) keeps one access per host and refuses two
  // connections to the same host: "Duplicate host '<host>' found in accesses."
  it('accepts an event signed with the old and the new key while the keys rotate', async () => {
    const old = stack.signature('conn-1', 'the-key-being-rotated-out');
    const current = stack.signature('conn-1');
    for (const signature of [`${old},${current}`, `${current},${old}`]) {
      const res = await stack.post({ event: 'shout', body: 'rotating', signature });
      expect([res.status, await res.text()]).toEqual([200, 'ROTATING!']);
    }
    const onlyOld = await stack.post({ event: 'shout', body: 'x', signature: old });
    expect(onlyOld.status).toBe(401);
  });

  it('refuses a trigger whose connections name one host twice, as the extension does', async () => {
    const res = await stack.post({ event: 'ping', hub: 'secured', body: 'x' });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("Duplicate host 'localhost' found in accesses.");
  });

  it('answers 400 to a valid event that is not a POST', async () => {
    const res = await stack.post({ event: 'shout', body: 'x' }, 'PUT');
    expect(res.status).toBe(400);
  });

  it("refuses a user event whose content type is not text, JSON or binary, with the extension's message", async () => {
    const res = await stack.post({ event: 'shout', body: '<x/>', contentType: 'application/xml' });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      'Message data only supports text, binary, json. Current value is: application/xml',
    );
  });

  it('answers 400 for a connection state that is not in the extension encoding', async () => {
    const res = await stack.post({
      event: 'shout',
      body: 'x',
      headers: { 'ce-connectionState': Buffer.from('[1]').toString('base64') },
    });
    expect(res.status).toBe(400);
  });
});

describe('trigger failures', () => {
  // WebPubSubTriggerDispatcher.ExecuteAsync (azure-sdk-for-net, Microsoft.Azure.WebJobs.Extensions.
  // WebPubSub/src/Trigger) awaits the function's return value, which a failed function never sets,
  // until the request is cancelled: a blocking event whose function throws is never answered.
  it('never answers a blocking event whose function throws, and says so in one line', async () => {
    const caller = new AbortController();
    const call = stack.post({ event: 'mirror', body: 'throw', signal: caller.signal }).then(
      (res) => `answered ${res.status}`,
      () => 'given up',
    );
    await eventually(
      () => stack.host().output().includes('mirror was asked to throw); as in Azure'),
      'the unanswered-call line',
    );
    // The host has decided: the call is still open.
    expect(await Promise.race([call, Promise.resolve('still open')])).toBe('still open');
    expect(stack.host().output()).toContain(
      'this call is never answered: the service waits for its upstream timeout',
    );
    caller.abort();
    expect(await call).toBe('given up');
  });

  it('answers 200 to connected after the function ran, even when it failed', async () => {
    const connectionId = `failing-connected-${Date.now()}`;
    const res = await stack.post({
      event: 'connected',
      connectionId,
      headers: { 'ce-userId': 'throw-on-connected' },
    });
    expect([res.status, await res.text()]).toEqual([200, '']);
    expect(await stack.log(connectionId)).toMatchObject([{ event: 'connected' }]);
  });

  it('answers 500 when a connect body is not JSON', async () => {
    const res = await stack.post({ event: 'connect', body: 'not json' });
    expect(res.status).toBe(500);
  });
});

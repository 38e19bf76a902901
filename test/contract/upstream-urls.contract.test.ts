// Event handler URL templates: `{hub}` and `{event}` are expanded into every request
// the emulator sends, and the template's query string (a function key, say) goes with each of them.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import type { TestUpstream } from '../setup/upstream';
import { allowAbuseProtection, startScriptedUpstream } from '../setup/upstream';
import { openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';

describe('event handler URLs', () => {
  const emulator = useEmulator();
  let upstream: TestUpstream;

  beforeAll(async () => {
    upstream = await startScriptedUpstream((req, _body, res) => {
      if (allowAbuseProtection(req, res)) return;
      if (req.headers['ce-type'] === 'azure.webpubsub.sys.connect') return res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`at ${req.url}`);
    });
  });
  afterAll(() => upstream.close());

  async function clientOf(hub: string, urlTemplate: string) {
    emulator().configureHub(hub, {
      eventHandlers: [{ urlTemplate, userEventPattern: '*', systemEvents: ['connect'] }],
    });
    const service = new WebPubSubServiceClient(emulator().connectionString, hub, {
      allowInsecureConnection: true,
    });
    const { url } = await service.getClientAccessToken({ userId: uniqueName('u') });
    return openClient(url, JSON_V1);
  }

  /** The user event's reply: the path and query the handler saw. */
  async function pathOf(client: Awaited<ReturnType<typeof clientOf>>, event: string) {
    client.sendJson({ type: 'event', event, dataType: 'text', data: 'x' });
    const reply = await client.next<{ type: string; data: string }>((f) => f.type === 'message');
    return reply.data;
  }

  it('keeps the query string on validation, connect and user events', async () => {
    const hub = `h${uniqueName('q').replace(/\W/g, '')}`;
    const client = await clientOf(hub, `${upstream.url}/fn/{hub}?code=k%2Bey&x=1`);
    expect(await pathOf(client, 'ping')).toBe(`at /fn/${hub}?code=k%2Bey&x=1`);
    const seen = upstream.requests.filter((r) => r.url.startsWith(`/fn/${hub}`));
    expect(seen.map((r) => r.method)).toEqual(['OPTIONS', 'POST', 'POST']);
    expect(new Set(seen.map((r) => r.url))).toEqual(new Set([`/fn/${hub}?code=k%2Bey&x=1`]));
    client.ws.close();
  });

  it('expands {event} per event', async () => {
    const hub = `h${uniqueName('e').replace(/\W/g, '')}`;
    const client = await clientOf(hub, `${upstream.url}/ev/{event}?hub={hub}`);
    expect(await pathOf(client, 'Ev.one-1')).toBe(`at /ev/Ev.one-1?hub=${hub}`);
    expect(await pathOf(client, 'second')).toBe(`at /ev/second?hub=${hub}`);
    expect(await pathOf(client, 'Ev.one-1')).toBe(`at /ev/Ev.one-1?hub=${hub}`);
    client.ws.close();
  });
});

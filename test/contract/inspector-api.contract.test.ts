// The inspector API through the official SDKs: live state (connections, groups, users, counters),
// the live log of client frames, REST calls and upstream calls with no secret in it, the actions,
// and the guards of a loopback-only API.
import type { InspectorState, LogWatcher } from '@wps-local/emulator';
import { InspectorClient } from '@wps-local/emulator';
import { payloads } from '@wps-local/test-kit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import { useSdkSuite } from '../setup/sdk-suite';

const MEMBER = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
const FUNCTION_KEY = 'not-for-your-eyes';

describe('inspector API', () => {
  const sdk = useSdkSuite({
    handler: {
      systemEvents: ['connect', 'connected'],
      // The `echo` event is answered with data, sent back to its client.
      respond: (e, res) => {
        if (e.headers['ce-eventname'] !== 'echo') return void res.writeHead(204).end();
        res.writeHead(200, { 'content-type': 'text/plain' }).end('echo of the handler');
      },
    },
  });
  let inspector: InspectorClient;
  let watcher: LogWatcher | undefined;
  beforeAll(() => {
    const emulator = sdk.emulator();
    inspector = new InspectorClient(emulator.inspectorUrl!);
    // The handler URL carries a function key, as the Functions extension's does.
    const settings = sdk.handler.hubSettings(['connect', 'connected']);
    const handler = settings.eventHandlers![0]!;
    emulator.configureHub(TEST_HUB, {
      eventHandlers: [{ ...handler, urlTemplate: `${handler.urlTemplate}?code=${FUNCTION_KEY}` }],
    });
  });
  afterEach(() => {
    watcher?.close();
    watcher = undefined;
  });

  const connection = (s: InspectorState, id: string) =>
    s.hubs.flatMap((h) => h.connections).find((c) => c.id === id);

  it('shows a connection with its user, subprotocol, groups, roles, session and counters', async () => {
    watcher = await inspector.watch(); // to check that no entry holds a secret
    const userId = uniqueName('alice');
    const group = uniqueName('room');
    const client = sdk.client({ userId, roles: MEMBER });
    const id = await client.start();
    await client.client.joinGroup(group);
    await client.client.sendToGroup(group, 'hello', 'text');

    const state = await inspector.state();
    const hub = state.hubs.find((h) => h.name === TEST_HUB)!;
    expect(connection(state, id)).toMatchObject({
      userId,
      subprotocol: 'json.reliable.webpubsub.azure.v1',
      groups: [group],
      roles: MEMBER,
      reliable: { state: 'attached' },
    });
    const view = connection(state, id)!;
    expect(view.connectedSince).toBeLessThanOrEqual(Date.now());
    expect(view.framesIn).toBeGreaterThanOrEqual(2); // joinGroup, sendToGroup (+ sequence acks)
    expect(view.framesOut).toBeGreaterThanOrEqual(3); // connected, two acks, the group message
    expect(hub.groups).toContainEqual({ name: group, members: [id] });
    expect(hub.users).toContainEqual({ id: userId, connections: [id] });
  });

  it('logs client frames, REST calls and upstream calls while someone watches, with no secret', async () => {
    expect((await inspector.state()).watching).toBe(false);
    watcher = await inspector.watch();
    expect((await inspector.state()).watching).toBe(true);
    const userId = uniqueName('bob');
    const group = uniqueName('room');
    const client = sdk.client({ userId, roles: MEMBER });
    const id = await client.start();
    await client.client.joinGroup(group);
    await client.client.sendToGroup(group, 'ping-42', 'text');
    await client.client.sendEvent('greet', { hi: 1 }, 'json');
    await client.client.sendEvent('echo', 'say it back', 'text');
    await sdk.service().sendToAll('to everyone', { contentType: 'text/plain' });

    const sent = await watcher.until(
      (e) => e.kind === 'frame-in' && e.connectionId === id && e.summary.includes('ping-42'),
      'the sendToGroup frame',
    );
    expect(sent).toMatchObject({ hub: TEST_HUB, userId, group, outcome: 'info' });
    // Data going out is one entry per message (its target and audience), not one per frame.
    const fanout = await watcher.until(
      (e) => e.kind === 'frame-out' && e.summary.includes('to everyone'),
      'the REST message going out to the hub',
    );
    expect(fanout).toMatchObject({ hub: TEST_HUB, detail: { dataType: 'text' } });
    expect(fanout.summary).toMatch(/^← message to everyone: to everyone → \d+ connections?$/);
    expect(fanout.detail!.recipients).toBeGreaterThanOrEqual(1);
    const echo = await watcher.until(
      (e) => e.kind === 'frame-out' && e.group === group && e.summary.includes('ping-42'),
      'the group message fanned out to its one member',
    );
    expect(echo).toMatchObject({ hub: TEST_HUB, connectionId: id, detail: { recipients: 1 } });
    expect(echo.summary).toContain(`to group ${group} from user ${userId}`);
    // Control frames are logged per connection: the ack of the sendToGroup.
    await watcher.until(
      (e) => e.kind === 'frame-out' && e.connectionId === id && /^← ack\b/.test(e.summary),
      'the ack sent to the client',
    );
    const reply = await watcher.until(
      (e) => e.kind === 'frame-out' && e.connectionId === id && e.summary.includes('reply'),
      "the event handler's reply going out",
    );
    expect(reply.summary).toBe('← reply from the event handler: echo of the handler');
    const rest = await watcher.until(
      (e) => e.kind === 'rest' && e.summary.includes(':send'),
      'the REST sendToAll',
    );
    expect(rest).toMatchObject({ hub: TEST_HUB, status: 202, outcome: 'ok' });
    expect(rest.durationMs).toBeGreaterThanOrEqual(0);
    const upstream = await watcher.until(
      (e) => e.kind === 'upstream' && e.event === 'greet' && e.connectionId === id,
      'the upstream call for the greet event',
    );
    expect(upstream).toMatchObject({ status: 204, outcome: 'ok', userId });
    expect(upstream.detail).toMatchObject({ signature: expect.stringMatching(/^sent/) });
    expect(String(upstream.detail!.url)).toContain('code=***');
    await watcher.until((e) => e.kind === 'upstream' && e.event === 'connect', 'the connect call');

    const everything = JSON.stringify(watcher.entries);
    expect(everything).not.toContain(FUNCTION_KEY);
    expect(everything).not.toContain(sdk.emulator().accessKey);
    expect(everything).not.toMatch(/access_token=(?!\*\*\*)/);
  });

  it('writes nothing while nobody watches', async () => {
    const client = sdk.client({ userId: uniqueName('unseen') });
    await client.start();
    await client.client.sendEvent('unseen-event', 'x', 'text');
    const { entries } = await inspector.call<{ entries: { event?: string }[] }>('log', 'GET');
    expect(entries.filter((e) => e.event === 'unseen-event')).toEqual([]);
  });

  it('sends to all, a group, a user and a connection', async () => {
    const userId = uniqueName('carol');
    const group = uniqueName('room');
    const client = sdk.client({ userId, roles: MEMBER });
    const id = await client.start();
    await client.client.joinGroup(group);
    await inspector.send({ hub: TEST_HUB, to: 'all', data: 'a' });
    await inspector.send({ hub: TEST_HUB, to: 'group', name: group, data: 'g' });
    await inspector.send({
      hub: TEST_HUB,
      to: 'user',
      name: userId,
      data: '{"u":1}',
      dataType: 'json',
    });
    await inspector.send({ hub: TEST_HUB, to: 'connection', name: id, data: 'c' });
    await client.until(() => client.messages.length >= 4, 'four messages');
    expect(payloads(client.messages)).toEqual(['a', 'g', { u: 1 }, 'c']);
    expect(client.messages[1]).toMatchObject({ group });
  });

  it('adds to and removes from a group, and closes a connection with a reason', async () => {
    const group = uniqueName('room');
    const client = sdk.client({ userId: uniqueName('dave') });
    const id = await client.start();
    await inspector.addToGroup(TEST_HUB, id, group);
    await sdk.service().group(group).sendToAll('in the group', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 1, 'the group message');
    await inspector.removeFromGroup(TEST_HUB, id, group);
    expect(connection(await inspector.state(), id)!.groups).toEqual([]);

    await inspector.closeConnection(TEST_HUB, id, 'Bye from the inspector.');
    await client.until(() => client.disconnected.length >= 1, 'the disconnection');
    expect(client.disconnected[0]!.message).toMatchObject({ message: 'Bye from the inspector.' });
    await expect(inspector.closeConnection(TEST_HUB, id)).rejects.toThrow(/404/);
  });

  it('mints a client access URL the official client connects with, as that user with those roles', async () => {
    const userId = uniqueName('erin');
    const group = uniqueName('room');
    const url = await inspector.clientUrl({
      hub: TEST_HUB,
      userId,
      roles: MEMBER,
      groups: [group],
    });
    expect(url).toMatch(/^ws:\/\/localhost:\d+\/client\/hubs\/chat\?access_token=/);
    const { recordClient } = await import('@wps-local/test-kit');
    const client = recordClient(() => Promise.resolve(url));
    const id = await client.start();
    expect(connection(await inspector.state(), id)).toMatchObject({
      userId,
      roles: MEMBER,
      groups: [group],
    });
    await client.client.sendToGroup(group, 'allowed', 'text'); // the role was granted
    await client.stop();
  });

  it('answers only loopback hosts and same-origin JSON writes', async () => {
    const base = sdk.emulator().inspectorUrl!.replace('/inspector', '');
    const port = new URL(base).port;
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>, method = 'GET', body?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/inspector/api/faults', method, headers },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    expect(await status({ host: `127.0.0.1:${port}` })).toBe(200);
    expect(await status({ host: `evil.example:${port}` })).toBe(403);
    const fault = JSON.stringify({ type: 'throttleRest', count: 1, target: { hub: 'nohub' } });
    expect(
      await status({ host: `localhost:${port}`, 'content-type': 'text/plain' }, 'POST', fault),
    ).toBe(415);
    expect(
      await status(
        {
          host: `localhost:${port}`,
          'content-type': 'application/json',
          origin: 'http://evil.example',
        },
        'POST',
        fault,
      ),
    ).toBe(403);
    const page = await fetch(sdk.emulator().inspectorUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/inspector/js/main.js">');
    // The page's ES modules are served; nothing else from the package is.
    const main = await fetch(`${base}/inspector/js/main.js`);
    expect(main.status).toBe(200);
    expect(main.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await main.text()).toContain("from './log-view.js'");
    for (const path of ['/inspector/js/nope.js', '/inspector/js/..%2F..%2Fpackage.json']) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
  });
});

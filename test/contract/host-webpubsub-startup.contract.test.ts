// Start-up of the Web PubSub extension: duplicate trigger keys refuse to start, naming both
// functions; missing connection settings do not stop the host, the bindings that need them fail.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { eventually } from '../setup/eventually';
import { REPO_ROOT, startHostProcess, useHost } from '../setup/host';
import { WEBHOOK_PATH } from '../setup/wps-host';

describe('duplicate triggers', () => {
  it('refuses to start, naming both functions and the event key', async () => {
    const result = await startHostProcess({
      app: path.join(REPO_ROOT, 'test/fixtures/wps-duplicate-app'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(
        "Functions 'firstHandler' and 'secondHandler' both handle the Web PubSub event Chat.User.MESSAGE.All",
      );
    }
  });
});

describe('without Web PubSub settings', () => {
  // The test app's local.settings.json has no WebPubSubConnectionString, like an app not set up yet.
  const host = useHost();
  const webhook = () => `${host().url}${WEBHOOK_PATH}`;
  /** The webhook as the service calls it in Azure: with the extension's system key. */
  const keyed = () =>
    `${webhook()}?code=${encodeURIComponent(host().keys.systemKeys.webpubsub_extension!)}`;
  const event = (name: string, hub = 'chat', body = 'x', signal?: AbortSignal) =>
    fetch(keyed(), {
      ...(signal ? { signal } : {}),
      method: 'POST',
      headers: {
        'ce-type': `azure.webpubsub.user.${name}`,
        'ce-hub': hub,
        'ce-connectionId': 'c1',
        'ce-eventName': name,
        'WebHook-Request-Origin': 'anywhere.example.com',
        'content-type': 'text/plain',
      },
      body,
    });

  it('starts and lists the triggers with the webhook URL', () => {
    const wps = host().functions.find((f) => f.name === 'wpsEcho');
    expect(wps?.description).toBe(`webPubSubTrigger chat.User.echo.All → ${webhook()}`);
    expect(host().output()).toContain(`Registered Web PubSub negotiate Endpoint = ${webhook()}`);
  });

  it('validates nothing for triggers on the default connection, as the extension does', async () => {
    const probe = await fetch(keyed(), {
      method: 'OPTIONS',
      headers: { 'WebHook-Request-Origin': 'anywhere.example.com' },
    });
    expect([probe.status, probe.headers.get('webhook-allowed-origin')]).toEqual([200, '*']);
    const unsigned = await event('shout', 'chat', 'quiet');
    expect([unsigned.status, await unsigned.text()]).toEqual([200, 'QUIET!']);
  });

  it('fails a trigger whose named connection setting is missing, saying which', async () => {
    const res = await fetch(keyed(), {
      method: 'POST',
      headers: {
        'ce-type': 'azure.webpubsub.sys.connect',
        'ce-hub': 'secured',
        'ce-connectionId': 'c1',
        'ce-eventName': 'connect',
        'WebHook-Request-Origin': 'localhost',
      },
      body: '{}',
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain(
      "The Web PubSub connection setting 'WpsSecuredConnection' is not set",
    );
  });

  it('fails negotiate and output bindings with the missing setting in the log', async () => {
    const negotiate = await fetch(`${host().url}/api/wps/negotiate?userId=u`);
    expect(negotiate.status).toBe(500);
    // A user event whose function fails is never answered (as the extension does): the log says why.
    const caller = new AbortController();
    const run = event(
      'run',
      'chat',
      JSON.stringify({ actionName: 'sendToAll', data: 'x' }),
      caller.signal,
    ).catch(() => undefined);
    const missing =
      "binding 'actions': The Web PubSub connection setting 'WebPubSubConnectionString' is not set";
    await eventually(() => host().output().includes(missing), 'the output binding failure');
    caller.abort();
    await run;
    expect(host().output()).toContain(
      "binding 'connection': The Web PubSub connection setting 'WebPubSubConnectionString' is not set",
    );
  });
});

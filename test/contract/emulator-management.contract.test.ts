// The emulator's own management API (`/emulator/...`), through its exported client and raw HTTP:
// authenticated like the REST API, hub settings read and replaced while running, and reset.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { EmulatorManagementClient } from '@wps-local/emulator';
import { recordClient } from '@wps-local/test-kit';
import { describe, expect, it } from 'vitest';

import { uniqueName, useEmulator } from '../setup/emulator';
import { uniqueHub } from '../setup/rest';

const emulator = useEmulator({ hubs: { chat: { anonymousConnectPolicy: 'deny' } } });
const admin = () => EmulatorManagementClient.fromConnectionString(emulator().connectionString);
const service = (hub: string) =>
  new WebPubSubServiceClient(emulator().connectionString, hub, { allowInsecureConnection: true });

describe('emulator management API', () => {
  it('refuses a request without a token signed with the access key', async () => {
    const bare = await fetch(`${emulator().url}/emulator/hubs`);
    expect(bare.status).toBe(401);
    const wrongKey = new EmulatorManagementClient(emulator().url, 'x'.repeat(40));
    await expect(wrongKey.hubs()).rejects.toThrow(/401/);
  });

  it('reads the hubs it started with and replaces one hub at run time', async () => {
    expect(await admin().hubs()).toMatchObject({ chat: { anonymousConnectPolicy: 'deny' } });
    const hub = uniqueHub();
    const settings = {
      eventHandlers: [
        { urlTemplate: 'http://localhost:9/x', systemEvents: ['connected' as const] },
      ],
    };
    await admin().configureHub(hub, settings);
    expect((await admin().hubs())[hub]).toEqual(settings);
  });

  it('refuses invalid settings with 400 naming every problem, and changes nothing', async () => {
    const hub = uniqueHub();
    const bad = { eventHandlers: [{ urlTemplate: 'ftp://x', systemEvents: ['nope'] }] };
    await expect(admin().configureHub(hub, bad as never)).rejects.toThrow(
      /400.*eventHandlers\.0\.urlTemplate.*eventHandlers\.0\.systemEvents/s,
    );
    expect((await admin().hubs())[hub]).toBeUndefined();
  });

  it('reset closes every connection the way the service does, and groups and users empty', async () => {
    const hub = uniqueHub();
    const group = uniqueName('g');
    // No automatic reconnection: the SDK would otherwise come back at once with the same groups.
    const clients = ['u1', 'u2'].map((userId) =>
      recordClient(
        async () => (await service(hub).getClientAccessToken({ userId, groups: [group] })).url,
        { autoReconnect: false },
      ),
    );
    for (const c of clients) await c.start();
    expect(await service(hub).groupExists(group)).toBe(true);
    const result = await admin().reset();
    expect(result.closedConnections).toBeGreaterThanOrEqual(2);
    for (const c of clients) await c.until(() => c.disconnected.length > 0, 'disconnected');
    expect(await service(hub).groupExists(group)).toBe(false);
    expect(await service(hub).userExists('u1')).toBe(false);
    for (const c of clients) await c.stop();
  });
});

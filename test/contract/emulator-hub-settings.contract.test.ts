// The hub settings the service has, honoured: anonymousConnectPolicy (allow admits clients without
// a token; a bad token is still refused) and webSocketKeepAliveIntervalInSeconds (the ping interval).
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { WebPubSubClient } from '@azure/web-pubsub-client';
import { describe, expect, it } from 'vitest';

import { useEmulator } from '../setup/emulator';
import { expectRefused, openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';

describe('hub settings', () => {
  const emulator = useEmulator({
    hubs: {
      open: { anonymousConnectPolicy: 'allow' },
      closed: { anonymousConnectPolicy: 'deny' },
      fastping: { webSocketKeepAliveIntervalInSeconds: 1 },
    },
  });
  const clientUrl = (hub: string) => `${emulator().url.replace(/^http/, 'ws')}/client/hubs/${hub}`;

  it('admits a client without a token to an anonymousConnectPolicy allow hub, with no user', async () => {
    const client = await openClient(clientUrl('open'), JSON_V1);
    expect(await client.next((f) => f.type === 'system')).toEqual({
      type: 'system',
      event: 'connected',
      userId: null,
      connectionId: expect.any(String),
    });
    client.ws.close();
    // The official SDK too, with the bare client URL.
    const sdk = new WebPubSubClient(clientUrl('open'));
    await sdk.start();
    sdk.stop();
  });

  it('still refuses a bad token on an allow hub, and a missing token on deny and unset hubs', async () => {
    expect(await expectRefused(`${clientUrl('open')}?access_token=nope`, JSON_V1)).toBe(401);
    expect(await expectRefused(clientUrl('closed'), JSON_V1)).toBe(401);
    expect(await expectRefused(clientUrl('unset'), JSON_V1)).toBe(401);
  });

  it('pings every webSocketKeepAliveIntervalInSeconds', async () => {
    const service = new WebPubSubServiceClient(emulator().connectionString, 'fastping');
    const { url } = await service.getClientAccessToken();
    const client = await openClient(url, JSON_V1);
    const started = Date.now();
    let pings = 0;
    client.ws.on('ping', () => pings++);
    await new Promise((r) => setTimeout(r, 2700));
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeLessThan(6000);
    client.ws.close();
  });

  it('pings a hub without the setting at the default 20 s, so not within a few seconds', async () => {
    const service = new WebPubSubServiceClient(emulator().connectionString, 'defaultping');
    const { url } = await service.getClientAccessToken();
    const client = await openClient(url, JSON_V1);
    let pings = 0;
    client.ws.on('ping', () => pings++);
    await new Promise((r) => setTimeout(r, 1500));
    expect(pings).toBe(0);
    client.ws.close();
  });
});

// A reliable connection not recovered within its window (short here) is gone: the SDK's late
// recovery is refused with 1008 and it reconnects as a new connection, rejoining its groups
// (`autoRejoinGroups`) unless told not to. The event handler hears `disconnected` at expiry.
import type { WebPubSubClientOptions } from '@azure/web-pubsub-client';
import { payloads } from '@wps-local/test-kit';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import { useSdkSuite } from '../setup/sdk-suite';

const MEMBER = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
const RECOVERY_WINDOW_MS = 200;

describe('@azure/web-pubsub-client: recovery after the window expired', () => {
  const sdk = useSdkSuite({
    emulator: { recoveryWindowMs: RECOVERY_WINDOW_MS },
    proxy: true,
    handler: { systemEvents: ['connected', 'disconnected'] },
  });
  const { service } = sdk;

  /**
   * Joins `group` behind the proxy, drops the connection, keeps the client away until the
   * emulator has forgotten it, then lets it back. Resolves with both connection ids.
   */
  async function expireAndReconnect(group: string, options: WebPubSubClientOptions = {}) {
    const userId = uniqueName('u');
    const rc = sdk.proxiedClient({ userId, roles: MEMBER }, options);
    const first = await rc.start();
    await rc.client.joinGroup(group);
    sdk.proxy.hold();
    await sdk.proxy.cut();
    // Sent while the connection waits for its client; lost with it when the window closes.
    await service().sendToConnection(first, 'lost', { contentType: 'text/plain' });
    await eventually(
      async () => !(await service().connectionExists(first)),
      'the recovery window to expire',
      RECOVERY_WINDOW_MS + 3000,
    );
    sdk.proxy.release();
    const second = await rc.until(() => rc.connected[1], 'a new connection');
    return { rc, userId, first, second: second.connectionId };
  }

  it('refuses the late recovery with 1008; the SDK reconnects as a new connection and rejoins its groups', async () => {
    const group = uniqueName('room');
    const { rc, userId, first, second } = await expireAndReconnect(group);
    expect(second).not.toBe(first);
    expect(rc.connected).toEqual([
      { connectionId: first, userId },
      { connectionId: second, userId },
    ]);
    expect(rc.disconnected).toEqual([{ connectionId: first, message: undefined }]);
    const late = sdk.proxy.connections.filter((c) =>
      c.requestLine.includes(`awps_connection_id=${encodeURIComponent(first)}`),
    );
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ status: 101, closeCode: 1008 });

    // The SDK rejoined the group before raising `connected`: group messages reach the new one.
    const sender = sdk.client({ roles: MEMBER });
    await sender.start();
    await sender.client.sendToGroup(group, 'welcome back', 'text');
    const message = await rc.until(() => rc.messages[0], 'the group message');
    expect(message).toMatchObject({
      kind: 'groupData',
      group,
      data: 'welcome back',
      sequenceId: 1,
    });
    expect(payloads(rc.messages)).toEqual(['welcome back']);
    expect(rc.rejoinFailed).toEqual([]);

    // The handler heard the first connection end when its window closed, and the second begin.
    await sdk.handler.until(
      () => sdk.handler.typesOf(first).length >= 2,
      'disconnected of the first',
    );
    expect(sdk.handler.typesOf(first)).toEqual([
      'azure.webpubsub.sys.connected',
      'azure.webpubsub.sys.disconnected',
    ]);
    const disconnected = sdk.handler.received.find(
      (e) =>
        e.headers['ce-connectionid'] === first &&
        e.headers['ce-type'] === 'azure.webpubsub.sys.disconnected',
    );
    expect(JSON.parse(disconnected!.body.toString())).toEqual({ reason: expect.any(String) });
    await sdk.handler.until(
      () => sdk.handler.typesOf(second).length >= 1,
      'connected of the second',
    );
    expect(sdk.handler.typesOf(second)).toEqual(['azure.webpubsub.sys.connected']);
  });

  it('does not rejoin groups when autoRejoinGroups is false', async () => {
    const group = uniqueName('room');
    const { rc, second } = await expireAndReconnect(group, { autoRejoinGroups: false });
    const sender = sdk.client({ roles: MEMBER });
    await sender.start();
    await sender.client.sendToGroup(group, 'not for you', 'text');
    // REST after the acked group send: had the group send reached the client, it would come first.
    await service().sendToConnection(second, 'marker', { contentType: 'text/plain' });
    await rc.until(() => rc.messages.length >= 1, 'the marker');
    expect(payloads(rc.messages)).toEqual(['marker']);
  });
});

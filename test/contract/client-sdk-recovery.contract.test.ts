// Reliable recovery with the official client SDK: a TCP proxy drops the connection without a close
// frame while REST and group messages keep coming; the SDK recovers the same connection and gets
// every message exactly once, in order. A forged reconnection token is refused with 1008 and the
// SDK starts a new connection.
import type { WebPubSubServiceClient } from '@azure/web-pubsub';
import type { RecordedClient } from '@wps-local/test-kit';
import { payloads } from '@wps-local/test-kit';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useSdkSuite } from '../setup/sdk-suite';

const MEMBER = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];

describe('@azure/web-pubsub-client: reliable recovery', () => {
  const sdk = useSdkSuite({
    proxy: true,
    handler: { systemEvents: ['connected', 'disconnected'] },
  });
  const { service } = sdk;

  /** A receiver behind the proxy that joined `group`, and a sender connected directly. */
  async function receiverAndSender(group: string) {
    const firstProxied = sdk.proxy.connections.length;
    /** The receiver's connections through the proxy (the only ones of this test). */
    const proxied = () => sdk.proxy.connections.slice(firstProxied);
    const userId = uniqueName('receiver');
    const receiver = sdk.proxiedClient({ userId, roles: MEMBER });
    const connectionId = await receiver.start();
    await receiver.client.joinGroup(group);
    const sender = sdk.client({ userId: uniqueName('sender'), roles: MEMBER });
    await sender.start();
    return { receiver, sender, connectionId, userId, proxied };
  }

  /** Sends `count` REST and `count` group messages, interleaved; returns their payloads in order. */
  async function burst(
    svc: WebPubSubServiceClient,
    sender: RecordedClient,
    connectionId: string,
    group: string,
    tag: string,
    count = 5,
  ): Promise<string[]> {
    const sent: string[] = [];
    for (let i = 0; i < count; i++) {
      await svc.sendToConnection(connectionId, `${tag}-rest-${i}`, { contentType: 'text/plain' });
      await sender.client.sendToGroup(group, `${tag}-group-${i}`, 'text');
      sent.push(`${tag}-rest-${i}`, `${tag}-group-${i}`);
    }
    return sent;
  }

  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  for (const mode of ['both', 'client-side'] as const) {
    it(`recovers the same connection after a ${mode === 'both' ? 'dropped' : 'half-open'} TCP connection, losing and repeating nothing`, async () => {
      const group = uniqueName('room');
      const { receiver, sender, connectionId, userId, proxied } = await receiverAndSender(group);
      const svc = service();
      const expected = await burst(svc, sender, connectionId, group, 'before');
      await receiver.until(() => receiver.messages.length >= 10, 'the first 10 messages');

      sdk.proxy.hold(); // the client's recovery attempts wait until release()
      await sdk.proxy.cut(mode);
      expected.push(...(await burst(svc, sender, connectionId, group, 'offline')));
      expect(receiver.messages).toHaveLength(10);
      sdk.proxy.release();
      await receiver.until(() => receiver.messages.length >= 20, 'the messages sent offline');
      expected.push(...(await burst(svc, sender, connectionId, group, 'after')));
      await receiver.until(() => receiver.messages.length >= 30, 'all 30 messages');

      expect(payloads(receiver.messages)).toEqual(expected);
      expect(receiver.messages.map((m) => m.sequenceId)).toEqual(oneTo(30));
      expect(receiver.connected).toEqual([{ connectionId, userId }]);
      expect(receiver.disconnected).toEqual([]);
      // Two sockets through the proxy: the original, and one recovery that is still open.
      const [original, recovery, ...more] = proxied();
      expect(more).toEqual([]);
      expect(original!.requestLine).not.toContain('awps_connection_id');
      expect(recovery!.requestLine).toContain(
        `awps_connection_id=${encodeURIComponent(connectionId)}`,
      );
      expect(recovery).toMatchObject({ status: 101, ended: false });
      expect(recovery!.closeCode).toBeUndefined();
      expect(await svc.connectionExists(connectionId)).toBe(true);
      // Half-open: the emulator let go of the stale socket it still held when the client came back.
      await sdk.proxy.waitFor((c) => c === original && c.ended);
      // The event handler saw one connection: no `disconnected` for the drop, no second `connected`.
      await receiver.stop();
      await sdk.handler.until(() => sdk.handler.typesOf(connectionId).length >= 2, 'disconnected');
      expect(sdk.handler.typesOf(connectionId)).toEqual([
        'azure.webpubsub.sys.connected',
        'azure.webpubsub.sys.disconnected',
      ]);
    });
  }

  it('recovers twice in a row and keeps numbering messages', async () => {
    const group = uniqueName('room');
    const { receiver, sender, connectionId } = await receiverAndSender(group);
    const svc = service();
    const expected: string[] = [];
    for (const round of ['one', 'two', 'three']) {
      expected.push(...(await burst(svc, sender, connectionId, group, round, 2)));
      await receiver.until(
        () => receiver.messages.length >= expected.length,
        `the messages of round ${round}`,
      );
      await sdk.proxy.cut();
    }
    expected.push(...(await burst(svc, sender, connectionId, group, 'end', 2)));
    await receiver.until(() => receiver.messages.length >= expected.length, 'every message');
    expect(payloads(receiver.messages)).toEqual(expected);
    expect(receiver.messages.map((m) => m.sequenceId)).toEqual(oneTo(expected.length));
    expect(receiver.connected).toHaveLength(1);
  });

  it('refuses a recovery with a forged reconnection token (1008); the SDK connects anew', async () => {
    sdk.proxy.rewriteRequestLine((line) =>
      line.replace(/awps_reconnection_token=[^&\s]*/, 'awps_reconnection_token=forged'),
    );
    const userId = uniqueName('u');
    const rc = sdk.proxiedClient({ userId });
    const first = await rc.start();
    await sdk.proxy.cut();
    const second = await rc.until(() => rc.connected[1], 'a second connected event');
    expect(second).toEqual({ connectionId: expect.any(String), userId });
    expect(second.connectionId).not.toBe(first);
    expect(rc.disconnected).toEqual([{ connectionId: first, message: undefined }]);
    const attempts = sdk.proxy.connections.filter((c) =>
      c.requestLine.includes(`awps_connection_id=${encodeURIComponent(first)}`),
    );
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.requestLine).toContain('awps_reconnection_token=forged');
    expect(attempts[0]).toMatchObject({ status: 101, closeCode: 1008 });
    // The new connection works and numbers its messages from 1.
    await service().sendToConnection(second.connectionId, 'fresh', { contentType: 'text/plain' });
    expect(await rc.until(() => rc.messages[0], 'a message')).toMatchObject({
      data: 'fresh',
      sequenceId: 1,
    });
  });
});

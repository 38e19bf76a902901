// The official client SDK against the emulator: start/stop and their events, server messages
// from every REST send, and REST close (the connection ends and is not recovered).
import { WebPubSubJsonProtocol } from '@azure/web-pubsub-client';
import { payloads } from '@wps-local/test-kit';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import { useSdkSuite } from '../setup/sdk-suite';

describe('@azure/web-pubsub-client: connection lifecycle and server messages', () => {
  const sdk = useSdkSuite({ proxy: true });
  const { service } = sdk;
  /** A client that negotiates through the proxy, so the test sees every handshake and close. */
  const sdkClient = sdk.proxiedClient;

  it('starts with the reliable JSON subprotocol and emits connected once', async () => {
    const userId = uniqueName('u');
    const rc = sdkClient({ userId });
    const connectionId = await rc.start();
    expect(rc.connected).toEqual([{ connectionId, userId }]);
    expect(await service().connectionExists(connectionId)).toBe(true);
    const handshake = await sdk.proxy.waitFor(
      (c) => c.status === 101 && c.requestLine.includes('?'),
    );
    expect(handshake.requestLine).toMatch(/^GET \/client\/hubs\/chat\?access_token=/);
    // Data messages carry sequence ids only on the reliable subprotocol.
    await service().sendToConnection(connectionId, 'hello', { contentType: 'text/plain' });
    const [message] = await rc.until(() => rc.messages.length === 1 && rc.messages, 'a message');
    expect(message).toMatchObject({ kind: 'serverData', sequenceId: 1, data: 'hello' });
  });

  it('delivers REST sendToAll, sendToUser and sendToConnection as server messages, in order', async () => {
    const userId = uniqueName('u');
    const rc = sdkClient({ userId });
    const connectionId = await rc.start();
    const svc = service();
    const filter = `connectionId eq '${connectionId}'`;
    await svc.sendToAll('text to all', { contentType: 'text/plain', filter });
    await svc.sendToAll({ kind: 'json', n: 1 }, { filter });
    await svc.sendToAll(Buffer.from([0, 1, 254, 255]), { filter });
    await svc.sendToUser(userId, 'to the user', { contentType: 'text/plain' });
    await svc.sendToUser(userId, [1, 'two']);
    await svc.sendToConnection(connectionId, 'to the connection', { contentType: 'text/plain' });
    await svc.sendToConnection(connectionId, Buffer.from('bytes'));
    await rc.until(() => rc.messages.length >= 7, '7 server messages');
    expect(rc.messages.map((m) => [m.kind, m.dataType, m.sequenceId])).toEqual([
      ['serverData', 'text', 1],
      ['serverData', 'json', 2],
      ['serverData', 'binary', 3],
      ['serverData', 'text', 4],
      ['serverData', 'json', 5],
      ['serverData', 'text', 6],
      ['serverData', 'binary', 7],
    ]);
    expect(payloads(rc.messages)).toEqual([
      'text to all',
      { kind: 'json', n: 1 },
      'bin:0001feff',
      'to the user',
      [1, 'two'],
      'to the connection',
      `bin:${Buffer.from('bytes').toString('hex')}`,
    ]);
  });

  it('stop() ends the connection at once: disconnected, stopped, and the service forgets it', async () => {
    const rc = sdkClient({ userId: uniqueName('u') });
    const connectionId = await rc.start();
    await rc.stop();
    expect(rc.disconnected).toEqual([{ connectionId, message: undefined }]);
    expect(rc.stopped).toBe(1);
    await eventually(
      async () => !(await service().connectionExists(connectionId)),
      'connectionExists to turn false after stop()',
      1000,
    );
    // A stopped client can start again, as a new connection.
    const second = await rc.start();
    expect(second).not.toBe(connectionId);
  });

  it('REST closeConnection ends the connection: recovery is refused with 1008, then the client stops', async () => {
    const rc = sdkClient({ userId: uniqueName('u') }, { autoReconnect: false });
    const connectionId = await rc.start();
    await service().closeConnection(connectionId, { reason: 'closed by the app' });
    await rc.until(() => rc.stopped === 1, 'the stopped event');
    expect(rc.disconnected).toEqual([
      { connectionId, message: expect.objectContaining({ message: 'closed by the app' }) },
    ]);
    expect(rc.connected).toHaveLength(1);
    const recovery = await sdk.proxy.waitFor(
      (c) => c.requestLine.includes(`awps_connection_id=${connectionId}`) && c.closeCode != null,
    );
    expect(recovery.status).toBe(101);
    expect(recovery.closeCode).toBe(1008);
    expect(await service().connectionExists(connectionId)).toBe(false);
  });

  it('REST closeConnection with autoReconnect: the client comes back as a new connection', async () => {
    const userId = uniqueName('u');
    const rc = sdkClient({ userId });
    const first = await rc.start();
    await service().closeConnection(first, { reason: 'bye' });
    const second = await rc.until(() => rc.connected[1], 'a second connected event');
    expect(second.connectionId).not.toBe(first);
    expect(second.userId).toBe(userId);
    expect(rc.disconnected).toEqual([
      { connectionId: first, message: expect.objectContaining({ message: 'bye' }) },
    ]);
    expect(await service().connectionExists(first)).toBe(false);
    expect(await service().connectionExists(second.connectionId)).toBe(true);
    // The new connection numbers its messages from 1 again.
    await service().sendToUser(userId, 'after', { contentType: 'text/plain' });
    const message = await rc.until(() => rc.messages[0], 'a message on the new connection');
    expect(message).toMatchObject({ data: 'after', sequenceId: 1 });
  });

  it('does not recover json.webpubsub.azure.v1 clients: a drop ends the connection at once', async () => {
    const userId = uniqueName('u');
    const rc = sdkClient({ userId }, { protocol: WebPubSubJsonProtocol() });
    const first = await rc.start();
    const firstProxied = sdk.proxy.connections.length - 1;
    await service().sendToConnection(first, 'no sequence id', { contentType: 'text/plain' });
    const message = await rc.until(() => rc.messages[0], 'a message');
    expect(message).toMatchObject({ data: 'no sequence id' });
    expect(message.sequenceId).toBeUndefined();
    await sdk.proxy.cut();
    const second = await rc.until(() => rc.connected[1], 'a new connection');
    expect(second.connectionId).not.toBe(first);
    expect(rc.disconnected).toEqual([{ connectionId: first, message: undefined }]);
    await eventually(
      async () => !(await service().connectionExists(first)),
      'the dropped connection to end',
      1000,
    );
    const proxied = sdk.proxy.connections.slice(firstProxied);
    expect(proxied.map((c) => c.requestLine.includes('awps_connection_id'))).toEqual([
      false,
      false,
    ]);
  });
});

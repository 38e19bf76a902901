// The test kit as a team would use it on its own Function App (here the host's plain-JS test app):
// a stack per file on free ports, official clients as users or through the app's negotiate route,
// reset() that leaves nothing behind, stacks that do not see each other, and a host killed hard.
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import type { LocalStack } from '@wps-local/test-kit';
import { startLocalStack } from '@wps-local/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../setup/host';

const APP = `${REPO_ROOT}/test/fixtures/host-app`;
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ appDir: APP });
});
afterAll(() => stack?.close());

describe('startLocalStack', () => {
  it('runs the app on free ports with the hubs its triggers name and the keys it needs', async () => {
    expect(stack.appUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(stack.functions.map((f) => f.name)).toContain('wpsEcho');
    expect([...stack.hubs].sort()).toEqual(['chat', 'secured']);
    expect(stack.keys.webPubSubExtension.length).toBeGreaterThan(20);
    const secret = await fetch(`${stack.apiUrl}secret`, {
      headers: { 'x-functions-key': stack.keys.function },
    });
    expect(secret.status).toBe(200);
  });

  it("connects an official client as a given user, through the app's connect handler", async () => {
    const alice = await stack.connect({ userId: 'alice', groups: ['room'] });
    expect(alice.connected[0]?.userId).toBe('alice');
    await stack.service.group('room').sendToAll('hello room', { contentType: 'text/plain' });
    await alice.until(
      () => alice.messages.find((m) => m.data === 'hello room'),
      'the group message',
    );
    await alice.stop();
  });

  it("connects through the app's own negotiate route", async () => {
    const bob = await stack.connect({ negotiate: 'api/wps/negotiate?userId=bob' });
    expect(bob.connected[0]?.userId).toBe('bob');
    await bob.stop();
  });

  it('reset() drops connections and groups and empties tables and queues, keeping them', async () => {
    const carol = await stack.connect({ userId: 'carol', groups: ['keep'] });
    const tables = TableClient.fromConnectionString(stack.connectionStrings.storage, 'resettable', {
      allowInsecureConnection: true,
    });
    await tables.createTable();
    await tables.createEntity({ partitionKey: 'p', rowKey: 'r1' });
    await tables.createEntity({ partitionKey: 'p', rowKey: 'r2' });
    const queue = new QueueClient(stack.connectionStrings.storage, 'resettable');
    await queue.createIfNotExists();
    await queue.sendMessage('left over');

    await stack.reset();

    expect(carol.stopped).toBe(1);
    expect(await stack.service.groupExists('keep')).toBe(false);
    const left: unknown[] = [];
    for await (const e of tables.listEntities()) left.push(e);
    expect(left).toEqual([]);
    expect((await queue.getProperties()).approximateMessagesCount).toBe(0);
    await tables.createEntity({ partitionKey: 'p', rowKey: 'after' }); // the table is still there
  });

  it('gives every stack its own ports and state', async () => {
    const other = await startLocalStack({ appDir: APP });
    try {
      expect(other.appUrl).not.toBe(stack.appUrl);
      const dave = await other.connect({ userId: 'dave' });
      expect(await other.service.userExists('dave')).toBe(true);
      expect(await stack.service.userExists('dave')).toBe(false);
      await dave.stop();
    } finally {
      await other.close();
    }
  });

  it('killHost() kills the host hard and starts it again on the same port, keys and hubs kept', async () => {
    const eve = await stack.connect({ userId: 'eve' });
    const before = { url: stack.appUrl, pid: stack.hostPid, key: stack.keys.function };
    await stack.killHost();
    expect(stack.hostPid).not.toBe(before.pid);
    expect([stack.appUrl, stack.keys.function]).toEqual([before.url, before.key]);
    // A client connected before the crash is served by the new host (its webhook is the same).
    await eve.client.sendEvent('echo', { after: 'the crash' }, 'json');
    const echo = await eve.until(
      () => eve.messages.find((m) => JSON.stringify(m.data).includes('the crash')),
      'the echo from the new host',
    );
    expect(echo.data).toMatchObject({ userId: 'eve' });
    await eve.stop();
  });
});

// Queue triggers on the offline host against a real Azurite: what a function receives (body,
// metadata), JSON messages, binding expressions from message properties, queue output from a
// queue function, and undecodable messages.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  base64,
  findEntity,
  peekBodies,
  queueClient,
  tableClient,
  useAzurite,
} from '../setup/azurite';
import { eventually } from '../setup/eventually';
import { REPO_ROOT, useHost } from '../setup/host';

const STORAGE_APP = path.join(REPO_ROOT, 'test/fixtures/storage-app');
const azurite = useAzurite();
const host = useHost(() => ({
  app: STORAGE_APP,
  settings: { AzureWebJobsStorage: azurite().connectionString },
}));

async function sendAndRecord(body: string): Promise<Record<string, unknown>> {
  const incoming = queueClient(azurite(), 'incoming');
  await incoming.createIfNotExists();
  const { messageId } = await incoming.sendMessage(base64(body));
  const received = tableClient(azurite(), 'received');
  let entity: Record<string, unknown> | undefined;
  await eventually(
    async () => (entity = await findEntity(received, 'incoming', messageId)) !== undefined,
    `the record of message ${messageId}`,
    10_000,
    50,
  );
  return { ...entity, messageId };
}

describe('queueTrigger', () => {
  it('lists queue functions with their queue at start-up', () => {
    const byName = Object.fromEntries(host().functions.map((f) => [f.name, f.description]));
    expect(byName).toMatchObject({
      recordMessage: 'queueTrigger: incoming',
      storeOrder: 'queueTrigger: orders',
      flaky: 'queueTrigger: flaky',
    });
  });

  it('hands the function the message text and the metadata the real host gives', async () => {
    const record = await sendAndRecord('hello queue');
    expect(record.type).toBe('string');
    expect(JSON.parse(String(record.body))).toBe('hello queue');
    const metadata = JSON.parse(String(record.metadata)) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      id: record.messageId,
      dequeueCount: 1,
      queueTrigger: 'hello queue',
    });
    expect(typeof metadata.popReceipt).toBe('string');
    for (const key of ['insertionTime', 'expirationTime', 'nextVisibleTime']) {
      expect(metadata[key]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    }
  });

  it('parses a JSON message into an object and exposes its properties as metadata', async () => {
    const record = await sendAndRecord(JSON.stringify({ customer: 'ada', items: [1, 2] }));
    expect(record.type).toBe('object');
    expect(JSON.parse(String(record.body))).toEqual({ customer: 'ada', items: [1, 2] });
    const metadata = JSON.parse(String(record.metadata)) as Record<string, unknown>;
    expect(metadata.queueTrigger).toEqual({ customer: 'ada', items: [1, 2] });
    expect(metadata.customer).toBe('ada');
  });

  it('keeps non-ASCII text intact', async () => {
    const record = await sendAndRecord('héllo ✓ 世界');
    expect(JSON.parse(String(record.body))).toBe('héllo ✓ 世界');
  });

  it('resolves {property} expressions of a JSON message in table and queue outputs', async () => {
    const orders = queueClient(azurite(), 'orders');
    await orders.createIfNotExists();
    const order = { orderId: 'o-17', customer: 'grace', total: 12.5, quantity: 3 };
    await orders.sendMessage(base64(JSON.stringify(order)));

    const table = tableClient(azurite(), 'orders');
    let entity: Record<string, unknown> | undefined;
    await eventually(
      async () => (entity = await findEntity(table, 'grace', 'o-17')) !== undefined,
      'the order entity',
      10_000,
      50,
    );
    // Integers are written as Int64 and other numbers as Double, as the Tables extension does.
    expect(entity).toMatchObject({ total: 12.5, quantity: 3n });

    let bodies: string[] = [];
    const events = queueClient(azurite(), 'order-grace');
    await eventually(
      async () => (bodies = await peekBodies(events)).length > 0,
      'the order event',
      10_000,
      50,
    );
    // Objects become indented JSON, as the real host's JObject.ToString() writes them.
    expect(bodies).toEqual([JSON.stringify({ orderId: 'o-17', status: 'stored' }, null, 2)]);
  });

  it('moves a message that is not base64 to the poison queue untouched', async () => {
    const incoming = queueClient(azurite(), 'incoming');
    await incoming.createIfNotExists();
    await incoming.sendMessage('not base64!');
    const poison = queueClient(azurite(), 'incoming-poison');
    let raw: string[] = [];
    await eventually(
      async () => {
        const peeked = await poison.peekMessages({ numberOfMessages: 32 }).catch(() => undefined);
        raw = peeked?.peekedMessageItems.map((m) => m.messageText) ?? [];
        return raw.includes('not base64!');
      },
      'the undecodable message in incoming-poison',
      10_000,
      50,
    );
    await eventually(
      async () => (await incoming.getProperties()).approximateMessagesCount === 0,
      'incoming to be empty',
      10_000,
      50,
    );
  });
});

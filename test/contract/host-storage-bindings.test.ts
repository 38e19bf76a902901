// Queue output and table input/output bindings on the offline host, driven through HTTP functions
// and observed with the Azure Storage SDKs on a real Azurite.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { findEntity, peekBodies, queueClient, tableClient, useAzurite } from '../setup/azurite';
import { eventually } from '../setup/eventually';
import { REPO_ROOT, useHost } from '../setup/host';

const STORAGE_APP = path.join(REPO_ROOT, 'test/fixtures/storage-app');
const azurite = useAzurite();
const host = useHost(() => ({
  app: STORAGE_APP,
  settings: { AzureWebJobsStorage: azurite().connectionString },
}));

function post(route: string, body: unknown): Promise<Response> {
  return fetch(`${host().url}/api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function getJson(route: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${host().url}/api/${route}`);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('queue output', () => {
  it('writes a string as one message and creates the queue', async () => {
    expect((await post('enqueue/out-string', 'plain text')).status).toBe(202);
    expect(await peekBodies(queueClient(azurite(), 'out-string'))).toEqual(['plain text']);
  });

  it('writes an object as one JSON message', async () => {
    expect((await post('enqueue/out-object', { id: 1, tags: ['a'] })).status).toBe(202);
    const bodies = await peekBodies(queueClient(azurite(), 'out-object'));
    expect(bodies.map((b) => JSON.parse(b) as unknown)).toEqual([{ id: 1, tags: ['a'] }]);
  });

  it('writes one message per array element, in order', async () => {
    expect((await post('enqueue/out-array', ['one', { two: 2 }, 3])).status).toBe(202);
    const bodies = await peekBodies(queueClient(azurite(), 'out-array'));
    expect(bodies).toEqual(['one', JSON.stringify({ two: 2 }, null, 2), '3']);
  });

  it('lower-cases the queue name from the route and base64-encodes the message', async () => {
    expect((await post('enqueue/Mixed-Case', 'x')).status).toBe(202);
    const { peekedMessageItems } = await queueClient(azurite(), 'mixed-case').peekMessages();
    expect(peekedMessageItems.map((m) => m.messageText)).toEqual([
      Buffer.from('x').toString('base64'),
    ]);
  });

  it('fails the invocation for an invalid queue name', async () => {
    expect((await post('enqueue/a', 'x')).status).toBe(500);
    expect(host().output()).toContain('A queue name must be from 3 to 63 characters long');
  });
});

describe('table output and input', () => {
  it('inserts an entity and reads it back by {id} without ETag and Timestamp', async () => {
    const item = { RowKey: 'r1', Color: 'red', size: 3, price: 1.5, tags: ['a'] };
    expect((await post('items', item)).status).toBe(201);
    const stored = await findEntity(tableClient(azurite(), 'items'), 'items', 'r1');
    expect(stored).toMatchObject({ Color: 'red', size: 3n, price: 1.5, tags: '[\n  "a"\n]' });

    const { status, body } = await getJson('items/r1');
    expect(status).toBe(200);
    expect(body).toEqual({
      PartitionKey: 'items',
      RowKey: 'r1',
      Color: 'red',
      size: 3,
      price: 1.5,
      tags: '[\n  "a"\n]',
    });
  });

  it('binds a missing entity to nothing', async () => {
    expect((await getJson('items/does-not-exist')).status).toBe(404);
  });

  it('inserts (a second insert of the same key fails) and upserts with an ETag of *', async () => {
    expect((await post('items', { RowKey: 'dup', Color: 'blue' })).status).toBe(201);
    expect((await post('items', { RowKey: 'dup', Color: 'green' })).status).toBe(500);
    expect((await getJson('items/dup')).body).toMatchObject({ Color: 'blue' });
    expect((await post('items', { RowKey: 'dup', Color: 'green', ETag: '*' })).status).toBe(201);
    expect((await getJson('items/dup')).body).toMatchObject({ Color: 'green' });
  });

  it('writes every entity of an array and queries them with a filter expression', async () => {
    const items = [
      { RowKey: 'q1', Color: "o'range" },
      { RowKey: 'q2', Color: "o'range" },
      { rowKey: 'q3', Color: 'teal' },
    ];
    expect((await post('items', items)).status).toBe(201);
    const { status, body } = await getJson(`items?color=${encodeURIComponent("o'range")}`);
    expect(status).toBe(200);
    expect((body as { RowKey: string }[]).map((e) => e.RowKey).sort()).toEqual(['q1', 'q2']);
  });

  it('returns at most `take` entities', async () => {
    await post('items', [{ RowKey: 't1' }, { RowKey: 't2' }, { RowKey: 't3' }]);
    const { body } = await getJson('first-items');
    expect(body).toHaveLength(2);
  });

  it('rejects an entity without a row key', async () => {
    expect((await post('items', { Color: 'none' })).status).toBe(500);
    expect(host().output()).toContain('is not a valid value for a partition key or row key');
  });
});

describe('queue output to a triggered queue', () => {
  it('reaches the queue function', async () => {
    expect((await post('enqueue/incoming', 'from http')).status).toBe(202);
    const received = tableClient(azurite(), 'received');
    await eventually(
      async () => {
        try {
          for await (const e of received.listEntities()) if (e.body === '"from http"') return true;
        } catch {
          // The table appears with the first record.
        }
        return false;
      },
      'the queue function to record the message',
      10_000,
      50,
    );
  });
});

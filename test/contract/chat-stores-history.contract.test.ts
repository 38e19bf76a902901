// The HistoryStore conformance suite on the Table store, against a real Azurite; plus what only
// the Table store has: batched transactions, one round trip per batch.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';

import { TableHistoryStore } from '../../adapters/history/table-history-store';
import { partitionOf, readSeq } from '../../adapters/history/table-rows';
import { createStorageClients } from '../../adapters/storage/clients';
import type { HistoryStore } from '../../chat/history/types';
import { useAzurite } from '../setup/azurite';
import { historyChangesSuite } from '../unit/chat/stores/history-changes.suite';
import { historyStoreSuite } from '../unit/chat/stores/history-store.suite';
import { unique } from '../unit/chat/stores/store-suite-helpers';

const azurite = useAzurite();
const storage = () =>
  createStorageClients({ kind: 'connectionString', connectionString: azurite().connectionString });

describe('TableHistoryStore', () => {
  const tableName = `history${process.pid}`;
  const factory = () => ({
    create: (): HistoryStore => new TableHistoryStore(storage().table(tableName)),
    // A new store over the same table: its own batches and counter cache, like another instance.
    twin: () => new TableHistoryStore(storage().table(tableName)),
  });
  historyStoreSuite(factory);
  historyChangesSuite(factory);

  it('writes appends that queue up behind a transaction together in the next one', async () => {
    const { table, requests } = countedTable(`batching${process.pid}`);
    const store = new TableHistoryStore(table);
    const room = unique('room');
    await table.ready();
    requests.length = 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.append(messageFor(room, `b${i}`))),
    );
    expect(results.map((r) => r.message.seq)).toEqual(results.map((_, i) => i + 1));
    // The hint and the keys after it, then the first append alone and 199 more in batches of 49.
    expect(requests.filter((r) => r.line.endsWith('$batch'))).toHaveLength(6);
    expect(requests).toHaveLength(8);
    requests.length = 0;
    await store.append(messageFor(room, 'one-more'));
    expect(requests).toHaveLength(1); // the newest seq stays cached between batches
  });

  it('writes two rows per message, moves the hint every 32 seqs, and a new instance starts from it', async () => {
    const { table, requests } = countedTable(`hint${process.pid}`);
    const store = new TableHistoryStore(table);
    const room = unique('room');
    for (let i = 1; i <= 70; i++) await store.append(messageFor(room, `h${i}`));
    const batches = requests.filter((r) => r.line.endsWith('$batch'));
    // Each operation is one request line (`POST <url> HTTP/1.1`) inside the batch body.
    const operations = batches.map((r) => r.body.split(' HTTP/1.1').length - 1);
    expect(operations.filter((n) => n === 2)).toHaveLength(68);
    // Seqs 32 and 64 carry the hint (the counter row) as a third operation.
    expect([operations[31], operations[63]]).toEqual([3, 3]);
    const counter = await table.client.getEntity(partitionOf(room), 'counter');
    expect(readSeq(counter)).toBe(64);

    requests.length = 0;
    const twin = new TableHistoryStore(table);
    expect((await twin.append(messageFor(room, 'h71'))).message.seq).toBe(71);
    // The hint, then the keys of seqs 65..70 only, then the batch.
    expect(requests.map((r) => r.line.split(' ')[0])).toEqual(['GET', 'GET', 'POST']);
    expect(decodeURIComponent(requests[1]!.line)).toContain(`RowKey gt 'm-000000000064'`);
    expect(await twin.latest(room, 3)).toMatchObject({ latestSeq: 71, hasMore: false });
    expect((await store.since(room, 60, 5)).latestSeq).toBe(71);
  });
});

describe('TableHistoryStore when a batch reply is lost', () => {
  it('recognises its own commit when the SDK’s retry meets 409: a first send, not a duplicate', async () => {
    const table = storage().table(`lostreply${process.pid}`);
    let dropped = 0;
    // After the retry policy: the batch reaches Azurite and commits, then its reply is lost once.
    const dropReply: PipelinePolicy = {
      name: 'drop-batch-reply',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (!request.url.includes('$batch') || dropped > 0) return response;
        dropped += 1;
        throw new RestError('socket hang up', { code: 'ECONNRESET', request });
      },
    };
    table.client.pipeline.addPolicy(dropReply, { afterPhase: 'Retry' });
    const store = new TableHistoryStore(table);
    const room = unique('room');
    const first = await store.append(messageFor(room, 'lost-reply'));
    expect(dropped).toBe(1);
    expect(first).toMatchObject({ duplicate: false, message: { id: 'lost-reply', seq: 1 } });
    // A real resend is still a duplicate, and the room holds the message once.
    expect(await store.append(messageFor(room, 'lost-reply'))).toMatchObject({ duplicate: true });
    expect((await store.since(room, 0, 10)).messages.map((m) => m.id)).toEqual(['lost-reply']);
  });

  it('recognises its own committed change the same way, and applies it once', async () => {
    const table = storage().table(`lostchange${process.pid}`);
    let drop = false;
    const dropReply: PipelinePolicy = {
      name: 'drop-change-reply',
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (!request.url.includes('$batch') || !drop) return response;
        drop = false;
        throw new RestError('socket hang up', { code: 'ECONNRESET', request });
      },
    };
    table.client.pipeline.addPolicy(dropReply, { afterPhase: 'Retry' });
    const store = new TableHistoryStore(table);
    const room = unique('room');
    await store.append(messageFor(room, 'm'));
    drop = true;
    const like = {
      id: 'r',
      room,
      target: 1,
      from: { userId: 'v', name: 'V' },
      ts: 't',
      admin: false,
    };
    const first = await store.change({ ...like, kind: 'reaction', reaction: 'like', on: true });
    expect(drop).toBe(false);
    expect(first).toMatchObject({ kind: 'stored', duplicate: false, entry: { seq: 2 } });
    expect(
      await store.change({ ...like, kind: 'reaction', reaction: 'like', on: true }),
    ).toMatchObject({ kind: 'stored', duplicate: true });
    const page = await store.since(room, 0, 10);
    expect(page.messages[0]?.reactions).toEqual({ like: ['v'] });
    expect(page.latestSeq).toBe(2);
  });
});

describe('TableHistoryStore changes', () => {
  it('writes a change to a message it wrote in one batch request: its row, its id row, the target', async () => {
    const { table, requests } = countedTable(`changecost${process.pid}`);
    const store = new TableHistoryStore(table);
    const room = unique('room');
    await store.append(messageFor(room, 'm'));
    requests.length = 0;
    const edit = {
      id: 'e',
      room,
      target: 1,
      from: { userId: 'u', name: 'U' },
      ts: 't',
      admin: false,
    };
    await store.change({ ...edit, kind: 'edit', body: 'better' });
    expect(requests.map((r) => r.line.split(' ')[0])).toEqual(['POST']);
    expect(requests[0]!.body.split(' HTTP/1.1').length - 1).toBe(3);
    // Another instance has no cached row: it reads the target first (and the counter).
    const twin = new TableHistoryStore(table);
    requests.length = 0;
    await twin.change({ ...edit, id: 'e2', kind: 'edit', body: 'best' });
    expect(requests.filter((r) => r.line.startsWith('POST'))).toHaveLength(1);
    expect((await store.latest(room, 5)).messages[0]).toMatchObject({ body: 'best', version: 3 });
  });
});

/** A table whose requests (method, path and query, body) are recorded. */
function countedTable(name: string) {
  const table = storage().table(name);
  const requests: { line: string; body: string }[] = [];
  const counting: PipelinePolicy = {
    name: 'count-requests',
    sendRequest: (request, next) => {
      const url = new URL(request.url);
      const body = typeof request.body === 'string' ? request.body : '';
      requests.push({ line: `${request.method} ${url.pathname}${url.search}`, body });
      return next(request);
    },
  };
  table.client.pipeline.addPolicy(counting);
  return { table, requests };
}

function messageFor(room: string, id: string) {
  return { id, room, from: { userId: 'u', name: 'U' }, body: id, ts: '2026-01-01T00:00:00Z' };
}

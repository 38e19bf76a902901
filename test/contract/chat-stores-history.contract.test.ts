// The HistoryStore conformance suite on the Table store, against a real Azurite; plus what only
// the Table store has: batched transactions, one round trip per batch.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';

import { TableHistoryStore } from '../../chat/history/table-history-store';
import type { HistoryStore } from '../../chat/history/types';
import { createStorageClients } from '../../chat/storage/clients';
import { useAzurite } from '../setup/azurite';
import { historyStoreSuite } from '../unit/chat/stores/history-store.suite';
import { unique } from '../unit/chat/stores/store-suite-helpers';

const azurite = useAzurite();
const storage = () => createStorageClients({ AzureWebJobsStorage: azurite().connectionString });

describe('TableHistoryStore', () => {
  const tableName = `history${process.pid}`;
  historyStoreSuite(() => ({
    create: (): HistoryStore => new TableHistoryStore(storage().table(tableName)),
    // A new store over the same table: its own batches and counter cache, like another instance.
    twin: () => new TableHistoryStore(storage().table(tableName)),
  }));

  it('writes appends that queue up behind a transaction together in the next one', async () => {
    const table = storage().table(`batching${process.pid}`);
    const requests: string[] = [];
    const counting: PipelinePolicy = {
      name: 'count-requests',
      sendRequest: (request, next) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return next(request);
      },
    };
    table.client.pipeline.addPolicy(counting);
    const store = new TableHistoryStore(table);
    const room = unique('room');
    await table.ready();
    requests.length = 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.append(messageFor(room, `b${i}`))),
    );
    expect(results.map((r) => r.message.seq)).toEqual(results.map((_, i) => i + 1));
    // One counter read, then the first append alone and 199 more in batches of at most 49.
    expect(requests.filter((r) => r.endsWith('$batch'))).toHaveLength(6);
    expect(requests).toHaveLength(7);
    requests.length = 0;
    await store.append(messageFor(room, 'one-more'));
    expect(requests).toHaveLength(1); // the counter and its ETag stay cached between batches
  });
});

function messageFor(room: string, id: string) {
  return { id, room, from: { userId: 'u', name: 'U' }, body: id, ts: '2026-01-01T00:00:00Z' };
}

// Storage clients built from AzureWebJobsStorage work against a real Azurite over plain http.
import { describe, expect, it } from 'vitest';

import { createStorageClients } from '../../adapters/storage/clients';
import { useAzurite } from '../setup/azurite';
import { unique } from '../unit/chat/stores/store-suite-helpers';

const azurite = useAzurite();

describe('createStorageClients on Azurite', () => {
  it('creates a table on first use, once, however many callers wait for it', async () => {
    const storage = createStorageClients({
      kind: 'connectionString',
      connectionString: azurite().connectionString,
    });
    const table = storage.table(`lazy${process.pid}`);
    const creations: string[] = [];
    table.client.pipeline.addPolicy({
      name: 'count-creations',
      sendRequest: (request, next) => {
        if (request.method === 'POST' && request.url.endsWith('/Tables'))
          creations.push(request.url);
        return next(request);
      },
    });
    const clients = await Promise.all([table.ready(), table.ready(), table.ready()]);
    await table.ready();
    expect(creations).toHaveLength(1);
    expect(new Set(clients)).toEqual(new Set([table.client]));
    await table.client.createEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
    expect((await table.client.getEntity('p', 'r')).value).toBe(1);
  });

  it('treats a table that already exists as ready', async () => {
    const settings = {
      kind: 'connectionString' as const,
      connectionString: azurite().connectionString,
    };
    const name = `twice${process.pid}`;
    await createStorageClients(settings).table(name).ready();
    await expect(createStorageClients(settings).table(name).ready()).resolves.toBeDefined();
  });

  it('builds queue clients from the same setting', async () => {
    const storage = createStorageClients({
      kind: 'connectionString',
      connectionString: azurite().connectionString,
    });
    const queue = storage.queue(unique('q').toLowerCase());
    await queue.createIfNotExists();
    await queue.sendMessage('aGk=');
    const { peekedMessageItems } = await queue.peekMessages();
    expect(peekedMessageItems.map((m) => m.messageText)).toEqual(['aGk=']);
  });
});

// The `table` output binding: each item becomes an entity (the binding's partitionKey/rowKey fill in
// missing keys) and is inserted (an `ETag` of `*` upserts, any other ETag replaces if unchanged), in
// transactions of up to 100 per partition like the extension's writer; a missing table is created.
import type { TableClient, TransactionAction } from '@azure/data-tables';

import { bindingError } from '../errors';
import type { OutputWriter } from '../extension';
import { outputItems } from './output-items';
import type { StorageAccounts } from './storage-accounts';
import { isNotFound } from './storage-errors';
import { tableBindingOptions, validateTableBinding } from './table-binding';
import type { EntityToWrite } from './table-entity';
import { entityFromItem } from './table-entity';

const MAX_BATCH = 100;

export function tableOutput(accounts: StorageAccounts): OutputWriter {
  return {
    validate: (fn, binding) => validateTableBinding(accounts, fn, binding, 'out'),
    async write(fn, binding, value, event) {
      const o = tableBindingOptions(accounts, fn, binding, event.bindingData);
      let entities: EntityToWrite[];
      try {
        entities = outputItems(value).map((item) => entityFromItem(item, o));
      } catch (err) {
        throw bindingError(fn.name, binding.name, (err as Error).message, err);
      }
      await writeEntities(o.client, entities);
    },
  };
}

async function writeEntities(client: TableClient, entities: EntityToWrite[]): Promise<void> {
  const partitions = new Map<string, Map<string, TransactionAction>>();
  for (const entity of entities) {
    let partition = partitions.get(entity.partitionKey);
    // A row key seen twice flushes first so the later write wins, as in the extension.
    if (partition?.has(entity.rowKey)) {
      await submit(client, partition);
      partition = undefined;
    }
    if (!partition) {
      partition = new Map();
      partitions.set(entity.partitionKey, partition);
    }
    partition.set(entity.rowKey, actionFor(entity));
    if (partition.size >= MAX_BATCH) {
      await submit(client, partition);
      partitions.delete(entity.partitionKey);
    }
  }
  for (const partition of partitions.values()) await submit(client, partition);
}

function actionFor(e: EntityToWrite): TransactionAction {
  const entity = { partitionKey: e.partitionKey, rowKey: e.rowKey, ...e.properties };
  if (e.etag === undefined) return ['create', entity];
  if (e.etag === '*') return ['upsert', entity, 'Replace'];
  return ['update', entity, 'Replace', { etag: e.etag }];
}

async function submit(client: TableClient, partition: Map<string, TransactionAction>) {
  const actions = [...partition.values()];
  if (actions.length === 0) return;
  try {
    await client.submitTransaction(actions);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await client.createTable();
    await client.submitTransaction(actions);
  }
}

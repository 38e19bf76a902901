// Empties Azurite for `reset()`: every entity of every table and every message of every queue.
// Tables and queues themselves stay: an app that created them at start-up (and remembers that it
// did) keeps working.
import type { TableEntity } from '@azure/data-tables';
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';

/** Entity group transactions take at most 100 operations, all in one partition. */
const BATCH = 100;

export async function clearStorage(connectionString: string): Promise<void> {
  const insecure = { allowInsecureConnection: true };
  const tables = TableServiceClient.fromConnectionString(connectionString, insecure);
  const queues = QueueServiceClient.fromConnectionString(connectionString);
  const work: Promise<unknown>[] = [];
  for await (const table of tables.listTables()) {
    if (!table.name) continue;
    work.push(clearTable(TableClient.fromConnectionString(connectionString, table.name, insecure)));
  }
  for await (const queue of queues.listQueues()) {
    work.push(queues.getQueueClient(queue.name).clearMessages());
  }
  await Promise.all(work);
}

async function clearTable(table: TableClient): Promise<void> {
  const byPartition = new Map<string, string[]>();
  const keys = table.listEntities<TableEntity>({
    queryOptions: { select: ['PartitionKey', 'RowKey'] },
  });
  for await (const { partitionKey, rowKey } of keys) {
    let rows = byPartition.get(partitionKey);
    if (!rows) byPartition.set(partitionKey, (rows = []));
    rows.push(rowKey);
  }
  await Promise.all(
    [...byPartition].flatMap(([partitionKey, rows]) =>
      chunks(rows, BATCH).map((chunk) =>
        table.submitTransaction(chunk.map((rowKey) => ['delete', { partitionKey, rowKey }])),
      ),
    ),
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

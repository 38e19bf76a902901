// A real Azurite for one test file (the launcher the benchmarks use: in memory, no telemetry, free
// loopback ports), plus the SDK clients tests use to produce and observe messages and entities.
import { AzureNamedKeyCredential, TableClient } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import { QueueServiceClient, StorageSharedKeyCredential } from '@azure/storage-queue';
import { afterAll, beforeAll } from 'vitest';

import type { RunningAzurite } from '../../bench/lib/azurite';
import { ACCOUNT, KEY, startAzurite } from '../../bench/lib/azurite';

export type { RunningAzurite };
export { startAzurite };
export const AZURITE_ACCOUNT = ACCOUNT;
export const AZURITE_KEY = KEY;

/** One Azurite per test file, started before its tests (and before a host that uses it). */
export function useAzurite(): () => RunningAzurite {
  let azurite: RunningAzurite | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.close();
  });
  return () => {
    if (!azurite) throw new Error('Azurite has not started');
    return azurite;
  };
}

/** A queue client on this Azurite, the way a producer or an observer would use it. */
export function queueClient(
  azurite: Pick<RunningAzurite, 'queueUrl'>,
  queueName: string,
): QueueClient {
  return new QueueServiceClient(
    azurite.queueUrl,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getQueueClient(queueName);
}

export function tableClient(
  azurite: Pick<RunningAzurite, 'tableUrl'>,
  tableName: string,
): TableClient {
  return new TableClient(
    azurite.tableUrl,
    tableName,
    new AzureNamedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
    { allowInsecureConnection: true },
  );
}

/** Message text as the Functions host writes and expects it by default (base64 of UTF-8). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function fromBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** The entity, or undefined while it does not exist yet. */
export async function findEntity(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await table.getEntity(partitionKey, rowKey);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

/** Visible messages (up to 32) without taking them, bodies decoded from base64. */
export async function peekBodies(queue: QueueClient): Promise<string[]> {
  try {
    const { peekedMessageItems } = await queue.peekMessages({ numberOfMessages: 32 });
    return peekedMessageItems.map((m) => fromBase64(m.messageText));
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return [];
    throw err;
  }
}

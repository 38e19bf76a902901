// Starts a real Azurite (the devDependency in node_modules) for one test file: in memory, without
// telemetry, on free loopback ports (port 0, read back from its start-up lines); plus the SDK
// clients tests use to produce and observe messages and entities.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { AzureNamedKeyCredential, TableClient } from '@azure/data-tables';
import type { QueueClient } from '@azure/storage-queue';
import { QueueServiceClient, StorageSharedKeyCredential } from '@azure/storage-queue';
import { afterAll, beforeAll } from 'vitest';

export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  /** Account-key connection string with explicit blob, queue and table endpoints. */
  connectionString: string;
  /** http://127.0.0.1:PORT/devstoreaccount1 */
  queueUrl: string;
  tableUrl: string;
  close(): Promise<void>;
}

const LISTENING = /Azurite (Blob|Queue|Table) service is successfully listening at (\S+)/g;

export async function startAzurite(): Promise<RunningAzurite> {
  const bin = path.join(
    path.dirname(createRequire(__filename).resolve('azurite/package.json')),
    'dist/src/azurite.js',
  );
  const location = mkdtempSync(path.join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      bin,
      ...['--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose'],
      ...['--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1'],
      ...['--blobPort', '0', '--queuePort', '0', '--tablePort', '0'],
    ],
    { cwd: location, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const urls = await new Promise<Map<string, string>>((resolve, reject) => {
    const found = new Map<string, string>();
    const timer = setTimeout(() => reject(new Error(`Azurite did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const [, service = '', url = ''] of output.matchAll(LISTENING)) found.set(service, url);
      if (found.size === 3) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited before it was ready:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    child.kill();
    await exited;
    rmSync(location, { recursive: true, force: true });
    throw err;
  });
  const endpoint = (service: string) => `${urls.get(service) ?? ''}/${AZURITE_ACCOUNT}`;
  let closing: Promise<void> | undefined;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
      `BlobEndpoint=${endpoint('Blob')};QueueEndpoint=${endpoint('Queue')};TableEndpoint=${endpoint('Table')};`,
    queueUrl: endpoint('Queue'),
    tableUrl: endpoint('Table'),
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        rmSync(location, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

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
export function queueClient(azurite: RunningAzurite, queueName: string): QueueClient {
  return new QueueServiceClient(
    azurite.queueUrl,
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).getQueueClient(queueName);
}

export function tableClient(azurite: RunningAzurite, tableName: string): TableClient {
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

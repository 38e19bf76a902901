// Table and queue clients from the AzureWebJobsStorage setting; tables are created lazily, once.
import type { TableServiceClientOptions } from '@azure/data-tables';
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { DefaultAzureCredential } from '@azure/identity';
import { QueueClient, QueueServiceClient } from '@azure/storage-queue';

import { storageNotConfigured } from './errors';
import type { StorageSettings } from './settings';
import {
  isHttp,
  readStorageConnection,
  STORAGE_ACCOUNT_NAME_SETTING,
  STORAGE_QUEUE_URI_SETTING,
  STORAGE_SETTING,
  STORAGE_TABLE_URI_SETTING,
  tableEndpointIsHttp,
} from './settings';

/** A table client plus `ready()`, which creates the table on first use (409 means it exists). */
export interface LazyTable {
  readonly client: TableClient;
  ready(): Promise<TableClient>;
}

export interface StorageClients {
  table(tableName: string): LazyTable;
  queue(queueName: string): QueueClient;
}

// Only http endpoints (Azurite) need it: the SDK refuses plain http otherwise.
function insecureIfHttp(url: string): TableServiceClientOptions {
  return isHttp(url) ? { allowInsecureConnection: true } : {};
}

export function lazyTable(client: TableClient): LazyTable {
  let creating: Promise<TableClient> | undefined;
  return {
    client,
    ready() {
      creating ??= client.createTable().then(
        () => client,
        (error: unknown) => {
          creating = undefined; // a failed creation is retried by the next caller
          throw error;
        },
      );
      return creating;
    },
  };
}

/** Reads the settings now and fails with STORAGE_ERR_NOT_CONFIGURED when there are none. */
export function createStorageClients(settings: StorageSettings = process.env): StorageClients {
  const connection = readStorageConnection(settings);
  if (!connection) {
    throw storageNotConfigured('table', [STORAGE_SETTING, STORAGE_ACCOUNT_NAME_SETTING]);
  }
  if (connection.kind === 'connectionString') {
    const { connectionString } = connection;
    const tableOptions = tableEndpointIsHttp(connectionString)
      ? { allowInsecureConnection: true }
      : {};
    return {
      table: (name) =>
        lazyTable(TableClient.fromConnectionString(connectionString, name, tableOptions)),
      queue: (name) =>
        QueueServiceClient.fromConnectionString(connectionString).getQueueClient(name),
    };
  }
  let credential: TokenCredential | undefined;
  const token = (): TokenCredential =>
    (credential ??= new DefaultAzureCredential(
      connection.managedIdentityClientId
        ? { managedIdentityClientId: connection.managedIdentityClientId }
        : {},
    ));
  return {
    table(name) {
      const uri = connection.tableServiceUri;
      if (!uri) throw storageNotConfigured('table', [STORAGE_SETTING, STORAGE_TABLE_URI_SETTING]);
      return lazyTable(new TableClient(uri, name, token(), insecureIfHttp(uri)));
    },
    queue(name) {
      const uri = connection.queueServiceUri;
      if (!uri) throw storageNotConfigured('queue', [STORAGE_SETTING, STORAGE_QUEUE_URI_SETTING]);
      return new QueueClient(`${uri.replace(/\/+$/, '')}/${encodeURIComponent(name)}`, token());
    },
  };
}

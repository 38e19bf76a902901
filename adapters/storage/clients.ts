// Table and queue clients for the app's storage (AzureWebJobsStorage, read by bindings/); tables
// are created lazily, once.
import type { TableServiceClientOptions } from '@azure/data-tables';
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { DefaultAzureCredential } from '@azure/identity';
import { QueueClient, QueueServiceClient } from '@azure/storage-queue';

import type { StorageConnection } from '../../bindings/storage-connection';
import { storageNotConfigured } from '../../chat/store-errors';

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

/** Clients for the storage the settings name (see `readStorageConnection`). */
export function createStorageClients(connection: StorageConnection): StorageClients {
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
      if (!uri)
        throw storageNotConfigured('table', 'the identity-based settings name no table service');
      return lazyTable(new TableClient(uri, name, token(), insecureIfHttp(uri)));
    },
    queue(name) {
      const uri = connection.queueServiceUri;
      if (!uri)
        throw storageNotConfigured('queue', 'the identity-based settings name no queue service');
      return new QueueClient(`${uri.replace(/\/+$/, '')}/${encodeURIComponent(name)}`, token());
    },
  };
}

/** Whether the Table endpoint a connection string names is plain http (Azurite, say). */
export function tableEndpointIsHttp(connectionString: string): boolean {
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') return true;
  const endpoint = parts.get('tableendpoint');
  if (endpoint) return isHttp(endpoint);
  return parts.get('defaultendpointsprotocol')?.toLowerCase() === 'http';
}

function isHttp(url: string): boolean {
  return url.toLowerCase().startsWith('http://');
}

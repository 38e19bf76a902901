// Finds a binding's storage account the way the Storage extensions do: the `connection` name (default
// "Storage") is looked up as `AzureWebJobs<name>` first, then as `<name>`; clients are made once per
// setting. Problems are start-up errors naming the function and binding.
import { AzureNamedKeyCredential, AzureSASCredential, TableClient } from '@azure/data-tables';
import { QueueServiceClient, StorageSharedKeyCredential } from '@azure/storage-queue';

import { configError } from '../errors';
import type { StorageAccount } from './connection-string';
import { parseConnectionString } from './connection-string';

export interface AccountRef {
  /** The setting that held the connection string, e.g. `AzureWebJobsStorage`. */
  setting: string;
  account: StorageAccount;
}

const PREFIX = 'AzureWebJobs';
// Azure.Core's defaults, which the real host's clients use: 3 retries from 0.8 s, exponential.
const QUEUE_RETRY = { maxTries: 4, retryDelayInMs: 800, maxRetryDelayInMs: 60_000 };
const TABLE_RETRY = { maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 60_000 };

export class StorageAccounts {
  #accounts = new Map<string, AccountRef>();
  #queueServices = new Map<string, QueueServiceClient>();
  #tables = new Map<string, TableClient>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  resolve(
    connection: unknown,
    service: 'queue' | 'table',
    where: { functionName: string; binding: string },
  ): AccountRef {
    const name =
      typeof connection === 'string' && connection.trim() !== '' ? connection : 'Storage';
    const candidates = [`${PREFIX}${name}`, name];
    const setting = candidates.find((c) => (this.env[c] ?? '').trim() !== '');
    const fail = (message: string) =>
      configError(`Function '${where.functionName}', binding '${where.binding}': ${message}`);
    if (setting === undefined) {
      const shown = name === 'Storage' ? `${PREFIX}Storage` : name;
      const identity = Object.keys(this.env).find((k) =>
        candidates.some((c) => k.startsWith(`${c}__`)),
      );
      if (identity) {
        throw fail(
          `'${identity}' is an identity-based connection, which the offline host does not support; ` +
            `set '${shown}' to a connection string (UseDevelopmentStorage=true for Azurite).`,
        );
      }
      throw fail(
        `Storage account connection string '${shown}' does not exist. Make sure that it is a ` +
          'defined App Setting (local.settings.json Values or an environment variable).',
      );
    }
    let ref = this.#accounts.get(setting);
    if (!ref) {
      try {
        ref = { setting, account: parseConnectionString(this.env[setting] ?? '') };
      } catch (err) {
        throw fail(`the connection string in '${setting}' is invalid: ${(err as Error).message}`);
      }
      this.#accounts.set(setting, ref);
    }
    const endpoint = service === 'queue' ? ref.account.queueEndpoint : ref.account.tableEndpoint;
    if (endpoint === undefined) {
      const what = service === 'queue' ? 'QueueEndpoint' : 'TableEndpoint';
      throw fail(`the connection string in '${setting}' has neither ${what} nor AccountName.`);
    }
    return ref;
  }

  queueService(ref: AccountRef): QueueServiceClient {
    let client = this.#queueServices.get(ref.setting);
    if (!client) {
      const { account } = ref;
      const url = account.queueEndpoint ?? '';
      const options = { retryOptions: QUEUE_RETRY };
      client = account.sas
        ? new QueueServiceClient(`${url}?${account.sas}`, undefined, options)
        : new QueueServiceClient(url, sharedKey(account), options);
      this.#queueServices.set(ref.setting, client);
    }
    return client;
  }

  table(ref: AccountRef, tableName: string): TableClient {
    const key = `${ref.setting}\n${tableName}`;
    let client = this.#tables.get(key);
    if (!client) {
      const { account } = ref;
      const url = account.tableEndpoint ?? '';
      const options = {
        allowInsecureConnection: url.startsWith('http:'),
        retryOptions: TABLE_RETRY,
      };
      client = account.sas
        ? new TableClient(url, tableName, new AzureSASCredential(account.sas), options)
        : new TableClient(
            url,
            tableName,
            new AzureNamedKeyCredential(account.accountName ?? '', account.accountKey ?? ''),
            options,
          );
      this.#tables.set(key, client);
    }
    return client;
  }
}

function sharedKey(account: StorageAccount): StorageSharedKeyCredential {
  return new StorageSharedKeyCredential(account.accountName ?? '', account.accountKey ?? '');
}

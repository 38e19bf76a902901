// The AzureWebJobsStorage app setting, read the way the Functions host reads it: a connection
// string (or UseDevelopmentStorage=true), else the identity-based `AzureWebJobsStorage__*` section.

import type { AppSettings } from './settings';
import {
  STORAGE_ACCOUNT_NAME_SETTING,
  STORAGE_CLIENT_ID_SETTING,
  STORAGE_CONNECTION,
  STORAGE_CREDENTIAL_SETTING,
  STORAGE_QUEUE_URI_SETTING,
  STORAGE_TABLE_URI_SETTING,
} from './settings';

export type StorageConnection =
  | { kind: 'connectionString'; connectionString: string }
  | {
      kind: 'identity';
      tableServiceUri: string | undefined;
      queueServiceUri: string | undefined;
      /** User-assigned managed identity, when `__credential` is `managedidentity`. */
      managedIdentityClientId: string | undefined;
    };

function setting(settings: AppSettings, name: string): string | undefined {
  const value = settings[name]?.trim();
  return value ? value : undefined;
}

/** Undefined when no storage setting is present at all. */
export function readStorageConnection(settings: AppSettings): StorageConnection | undefined {
  const connectionString = setting(settings, STORAGE_CONNECTION);
  if (connectionString) return { kind: 'connectionString', connectionString };
  const accountName = setting(settings, STORAGE_ACCOUNT_NAME_SETTING);
  const tableServiceUri =
    setting(settings, STORAGE_TABLE_URI_SETTING) ??
    (accountName && `https://${accountName}.table.core.windows.net`);
  const queueServiceUri =
    setting(settings, STORAGE_QUEUE_URI_SETTING) ??
    (accountName && `https://${accountName}.queue.core.windows.net`);
  if (!tableServiceUri && !queueServiceUri) return undefined;
  const managed =
    setting(settings, STORAGE_CREDENTIAL_SETTING)?.toLowerCase() === 'managedidentity';
  return {
    kind: 'identity',
    tableServiceUri,
    queueServiceUri,
    managedIdentityClientId: managed ? setting(settings, STORAGE_CLIENT_ID_SETTING) : undefined,
  };
}

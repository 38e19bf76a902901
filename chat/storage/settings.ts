// The AzureWebJobsStorage app setting, read the way the Functions host reads it: a connection
// string (or UseDevelopmentStorage=true), else the identity-based `AzureWebJobsStorage__*` section.

export const STORAGE_SETTING = 'AzureWebJobsStorage';
export const STORAGE_ACCOUNT_NAME_SETTING = 'AzureWebJobsStorage__accountName';
export const STORAGE_TABLE_URI_SETTING = 'AzureWebJobsStorage__tableServiceUri';
export const STORAGE_QUEUE_URI_SETTING = 'AzureWebJobsStorage__queueServiceUri';
export const STORAGE_CREDENTIAL_SETTING = 'AzureWebJobsStorage__credential';
export const STORAGE_CLIENT_ID_SETTING = 'AzureWebJobsStorage__clientId';

/** App settings as the worker sees them (`process.env` in Azure and under the offline host). */
export type StorageSettings = Readonly<Record<string, string | undefined>>;

export type StorageConnection =
  | { kind: 'connectionString'; connectionString: string }
  | {
      kind: 'identity';
      tableServiceUri: string | undefined;
      queueServiceUri: string | undefined;
      /** User-assigned managed identity, when `__credential` is `managedidentity`. */
      managedIdentityClientId: string | undefined;
    };

function setting(settings: StorageSettings, name: string): string | undefined {
  const value = settings[name]?.trim();
  return value ? value : undefined;
}

/** Undefined when no storage setting is present at all. */
export function readStorageConnection(settings: StorageSettings): StorageConnection | undefined {
  const connectionString = setting(settings, STORAGE_SETTING);
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

export function isHttp(url: string): boolean {
  return url.toLowerCase().startsWith('http://');
}

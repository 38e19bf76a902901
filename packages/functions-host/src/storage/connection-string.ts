// Storage connection strings as the Azure Storage SDKs read them: an account key or a SAS, explicit
// QueueEndpoint/TableEndpoint or ones derived from AccountName and EndpointSuffix, and
// `UseDevelopmentStorage=true` (Azurite's well-known account, honouring DevelopmentStorageProxyUri).

export interface StorageAccount {
  accountName: string | undefined;
  /** Base64 shared key, or a SAS token (no leading `?`): exactly one is set. */
  accountKey?: string;
  sas?: string;
  /** Without a trailing slash; undefined when the string names neither the endpoint nor the account. */
  queueEndpoint: string | undefined;
  tableEndpoint: string | undefined;
}

export const DEV_ACCOUNT_NAME = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const DEV_PORTS = { queue: 10001, table: 10002 } as const;

/** Throws an Error carrying the .NET storage client's message when the string is unusable. */
export function parseConnectionString(value: string): StorageAccount {
  const parts = settingsOf(value);
  if (parts.get('usedevelopmentstorage')?.toLowerCase() === 'true') {
    return developmentAccount(parts.get('developmentstorageproxyuri'));
  }
  const accountName = parts.get('accountname');
  const accountKey = parts.get('accountkey');
  const sas = parts.get('sharedaccesssignature')?.replace(/^\?/, '');
  const protocol = (parts.get('defaultendpointsprotocol') ?? 'https').toLowerCase();
  const suffix = parts.get('endpointsuffix') ?? 'core.windows.net';
  const derive = (service: string) =>
    accountName ? `${protocol}://${accountName}.${service}.${suffix}` : undefined;
  const queueEndpoint = trimSlash(parts.get('queueendpoint')) ?? derive('queue');
  const tableEndpoint = trimSlash(parts.get('tableendpoint')) ?? derive('table');
  const credentialOk = sas !== undefined || (accountKey !== undefined && accountName !== undefined);
  if (!credentialOk || (queueEndpoint === undefined && tableEndpoint === undefined)) {
    throw new Error('No valid combination of account information found.');
  }
  if (protocol !== 'http' && protocol !== 'https') {
    throw new Error(`DefaultEndpointsProtocol must be http or https, not '${protocol}'.`);
  }
  return sas !== undefined
    ? { accountName, sas, queueEndpoint, tableEndpoint }
    : { accountName, accountKey, queueEndpoint, tableEndpoint };
}

function developmentAccount(proxyUri: string | undefined): StorageAccount {
  let base: URL;
  try {
    base = new URL(proxyUri ?? 'http://127.0.0.1');
  } catch {
    throw new Error(`DevelopmentStorageProxyUri '${proxyUri}' is not an absolute URI.`);
  }
  const endpoint = (port: number) => {
    const url = new URL(base.href);
    url.port = String(port);
    url.pathname = `/${DEV_ACCOUNT_NAME}`;
    return url.href;
  };
  return {
    accountName: DEV_ACCOUNT_NAME,
    accountKey: DEV_ACCOUNT_KEY,
    queueEndpoint: endpoint(DEV_PORTS.queue),
    tableEndpoint: endpoint(DEV_PORTS.table),
  };
}

function settingsOf(value: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const segment of value.split(';')) {
    if (segment.trim() === '') continue;
    const eq = segment.indexOf('=');
    if (eq <= 0) throw new Error('Settings must be of the form "name=value".');
    // Values keep their `=` (base64 keys end with it); names are case-insensitive.
    parts.set(segment.slice(0, eq).trim().toLowerCase(), segment.slice(eq + 1).trim());
  }
  return parts;
}

function trimSlash(url: string | undefined): string | undefined {
  return url === undefined || url === '' ? undefined : url.replace(/\/+$/, '');
}

// AzureWebJobsStorage as the Functions host reads it: a connection string first, else the
// identity-based section.
import { describe, expect, it } from 'vitest';

import {
  readStorageConnection,
  STORAGE_ACCOUNT_NAME_SETTING,
  STORAGE_CLIENT_ID_SETTING,
  STORAGE_CONNECTION as STORAGE_SETTING,
  STORAGE_CREDENTIAL_SETTING,
  STORAGE_QUEUE_URI_SETTING,
  STORAGE_TABLE_URI_SETTING,
} from '../../../bindings';

const AZURITE =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;' +
  'TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

describe('readStorageConnection', () => {
  it('prefers the connection string, as the host does', () => {
    expect(
      readStorageConnection({
        [STORAGE_SETTING]: ` ${AZURITE} `,
        [STORAGE_ACCOUNT_NAME_SETTING]: 'acct',
      }),
    ).toEqual({ kind: 'connectionString', connectionString: AZURITE });
  });

  it('derives service URIs from the account name, explicit URIs winning', () => {
    expect(
      readStorageConnection({
        [STORAGE_SETTING]: '',
        [STORAGE_ACCOUNT_NAME_SETTING]: 'acct',
        [STORAGE_QUEUE_URI_SETTING]: 'https://q.example/',
      }),
    ).toEqual({
      kind: 'identity',
      tableServiceUri: 'https://acct.table.core.windows.net',
      queueServiceUri: 'https://q.example/',
      managedIdentityClientId: undefined,
    });
  });

  it('uses __clientId only with __credential=managedidentity', () => {
    const base = {
      [STORAGE_TABLE_URI_SETTING]: 'https://t.example',
      [STORAGE_CLIENT_ID_SETTING]: 'cid',
    };
    expect(readStorageConnection(base)).toMatchObject({ managedIdentityClientId: undefined });
    expect(
      readStorageConnection({ ...base, [STORAGE_CREDENTIAL_SETTING]: 'ManagedIdentity' }),
    ).toMatchObject({ tableServiceUri: 'https://t.example', managedIdentityClientId: 'cid' });
  });

  it('is undefined with no storage setting', () => {
    expect(readStorageConnection({ OTHER: 'x' })).toBeUndefined();
  });
});

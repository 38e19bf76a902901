// Storage connection strings: account keys, SAS, explicit and derived endpoints, development storage.
import { describe, expect, it } from 'vitest';

import {
  DEV_ACCOUNT_KEY,
  DEV_ACCOUNT_NAME,
  parseConnectionString,
} from '../../../../packages/functions-host/src/storage/connection-string';

describe('parseConnectionString', () => {
  it('derives endpoints from the account name and suffix', () => {
    expect(
      parseConnectionString(
        'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5==;EndpointSuffix=core.chinacloudapi.cn',
      ),
    ).toEqual({
      accountName: 'acct',
      accountKey: 'a2V5==',
      queueEndpoint: 'https://acct.queue.core.chinacloudapi.cn',
      tableEndpoint: 'https://acct.table.core.chinacloudapi.cn',
    });
  });

  it('prefers explicit endpoints, without their trailing slash, and reads names case-insensitively', () => {
    const account = parseConnectionString(
      'accountname=devstoreaccount1;ACCOUNTKEY=k==;QueueEndpoint=http://127.0.0.1:5/devstoreaccount1/;' +
        'TableEndpoint=http://127.0.0.1:6/devstoreaccount1',
    );
    expect(account.queueEndpoint).toBe('http://127.0.0.1:5/devstoreaccount1');
    expect(account.tableEndpoint).toBe('http://127.0.0.1:6/devstoreaccount1');
  });

  it('takes a SAS instead of a key', () => {
    expect(
      parseConnectionString(
        'QueueEndpoint=https://a.queue.core.windows.net;SharedAccessSignature=?sv=1&sig=x',
      ),
    ).toEqual({
      accountName: undefined,
      sas: 'sv=1&sig=x',
      queueEndpoint: 'https://a.queue.core.windows.net',
      tableEndpoint: undefined,
    });
  });

  it('maps UseDevelopmentStorage=true to the emulator account on the standard ports', () => {
    expect(parseConnectionString('UseDevelopmentStorage=true')).toEqual({
      accountName: DEV_ACCOUNT_NAME,
      accountKey: DEV_ACCOUNT_KEY,
      queueEndpoint: 'http://127.0.0.1:10001/devstoreaccount1',
      tableEndpoint: 'http://127.0.0.1:10002/devstoreaccount1',
    });
  });

  it('honours DevelopmentStorageProxyUri', () => {
    const account = parseConnectionString(
      'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite.local',
    );
    expect(account.queueEndpoint).toBe('http://azurite.local:10001/devstoreaccount1');
    expect(account.tableEndpoint).toBe('http://azurite.local:10002/devstoreaccount1');
  });

  it.each([
    ['no credentials', 'AccountName=acct', 'No valid combination of account information found.'],
    ['a key without a name', 'AccountKey=k==;QueueEndpoint=http://x', 'No valid combination'],
    ['a segment that is not name=value', 'UseDevelopmentStorage', 'Settings must be of the form'],
    [
      'an unknown protocol',
      'DefaultEndpointsProtocol=ftp;AccountName=a;AccountKey=k',
      'must be http or https',
    ],
  ])('rejects %s', (_, value, message) => {
    expect(() => parseConnectionString(value)).toThrow(message);
  });
});

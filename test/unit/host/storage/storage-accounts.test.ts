// Which setting a binding's `connection` names, and the start-up errors when it is unusable.
import { describe, expect, it } from 'vitest';

import { HostError } from '../../../../packages/functions-host/src/errors';
import { StorageAccounts } from '../../../../packages/functions-host/src/storage/storage-accounts';

const where = { functionName: 'fn', binding: 'b' };
const conn = (name: string) =>
  `AccountName=${name};AccountKey=a2V5;QueueEndpoint=http://q/${name};TableEndpoint=http://t/${name}`;

describe('StorageAccounts.resolve', () => {
  it('defaults to AzureWebJobsStorage', () => {
    const accounts = new StorageAccounts({ AzureWebJobsStorage: conn('main') });
    expect(accounts.resolve(undefined, 'queue', where)).toMatchObject({
      setting: 'AzureWebJobsStorage',
      account: { accountName: 'main' },
    });
    expect(accounts.resolve('AzureWebJobsStorage', 'table', where).setting).toBe(
      'AzureWebJobsStorage',
    );
  });

  it('looks a connection name up with the AzureWebJobs prefix first, then as it is', () => {
    const accounts = new StorageAccounts({
      AzureWebJobsOther: conn('prefixed'),
      Other: conn('plain'),
    });
    expect(accounts.resolve('Other', 'queue', where).account.accountName).toBe('prefixed');
    const plain = new StorageAccounts({ Other: conn('plain') });
    expect(plain.resolve('Other', 'queue', where).account.accountName).toBe('plain');
  });

  it('names the function, binding and setting when the setting is missing or empty', () => {
    const accounts = new StorageAccounts({ AzureWebJobsStorage: ' ' });
    expect(() => accounts.resolve(undefined, 'queue', where)).toThrow(
      "Function 'fn', binding 'b': Storage account connection string 'AzureWebJobsStorage' does not exist.",
    );
    expect(() => accounts.resolve('MyStorage', 'queue', where)).toThrow(
      "connection string 'MyStorage' does not exist",
    );
  });

  it('explains that identity-based connections are not supported', () => {
    const accounts = new StorageAccounts({ AzureWebJobsStorage__accountName: 'acct' });
    expect(() => accounts.resolve(undefined, 'queue', where)).toThrow(/identity-based connection/);
  });

  it('reports an unusable connection string and a missing endpoint as configuration errors', () => {
    const broken = new StorageAccounts({ AzureWebJobsStorage: 'AccountName=x' });
    const error = (() => {
      try {
        broken.resolve(undefined, 'queue', where);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).code).toBe('HOST_ERR_CONFIG');
    const queueOnly = new StorageAccounts({
      AzureWebJobsStorage: 'QueueEndpoint=http://q;SharedAccessSignature=sv=1',
    });
    expect(() => queueOnly.resolve(undefined, 'table', where)).toThrow(
      'neither TableEndpoint nor AccountName',
    );
  });
});

// Storage clients from a storage connection: http endpoints (Azurite) allowed, a service the
// identity-based settings do not name refused; and table keys the service accepts.
import { describe, expect, it } from 'vitest';

import { createStorageClients, tableEndpointIsHttp } from '../../../../adapters/storage/clients';
import { padSeq, tableKey } from '../../../../adapters/storage/keys';

const AZURITE =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;' +
  'TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

describe('createStorageClients', () => {
  it('refuses a queue when only a table URI is configured', () => {
    const storage = createStorageClients({
      kind: 'identity',
      tableServiceUri: 'https://t.example',
      queueServiceUri: undefined,
      managedIdentityClientId: undefined,
    });
    expect(storage.table('t').client.url).toBe('https://t.example');
    expect(() => storage.queue('q')).toThrow(
      expect.objectContaining({ code: 'STORAGE_ERR_NOT_CONFIGURED' }),
    );
  });
});

describe('tableEndpointIsHttp', () => {
  it.each([
    [AZURITE, true],
    ['UseDevelopmentStorage=true', true],
    ['DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k;EndpointSuffix=x', true],
    [
      'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k;EndpointSuffix=core.windows.net',
      false,
    ],
    ['TableEndpoint=https://a.table.core.windows.net/;SharedAccessSignature=sv=1', false],
  ])('%s → %s', (connectionString, http) => {
    expect(tableEndpointIsHttp(connectionString)).toBe(http);
  });
});

describe('tableKey', () => {
  it('escapes what keys forbid, and % and ~ so that escaping is injective', () => {
    expect(tableKey('plain room-1 é')).toBe('plain room-1 é');
    expect(tableKey('a/b\\c#d?e%f~g\u0001h\u0085')).toBe('a%2fb%5cc%23d%3fe%25f%7eg%01h%85');
    expect(tableKey('%2f')).not.toBe(tableKey('/'));
  });

  it('hashes long values into short keys that no plain value can take', () => {
    const key = tableKey('x'.repeat(5000));
    expect(key).toMatch(/^~[\w-]{43}$/);
    expect(tableKey('y'.repeat(5000))).not.toBe(key);
    expect(tableKey(key)).not.toBe(key);
  });

  it('pads seqs so lexical order is numeric order', () => {
    expect(padSeq(42)).toBe('000000000042');
    expect([padSeq(9), padSeq(10)].sort()).toEqual([padSeq(9), padSeq(10)]);
  });
});

// Pure parts of the host's Web PubSub extension: connection strings as the extension parses them,
// the nested-base64 connection-state encoding, and output-action validation.
import { describe, expect, it } from 'vitest';

import { parseActions } from '../../../packages/functions-host/src/webpubsub/actions';
import { listHeaders } from '../../../packages/functions-host/src/webpubsub/connection-context';
import {
  decodeStates,
  encodeStates,
  mergeStates,
} from '../../../packages/functions-host/src/webpubsub/connection-states';
import {
  ServiceConnections,
  settingNames,
} from '../../../packages/functions-host/src/webpubsub/connections';
import {
  identityAccess,
  parseConnectionString,
} from '../../../packages/functions-host/src/webpubsub/service-access';

describe('connection strings', () => {
  it('reads keys case-insensitively, trims the endpoint and applies Port', () => {
    const a = parseConnectionString(
      'endpoint=http://LocalHost:8080/;accesskey=k1;port=9090;Version=1.0;',
    );
    expect([a.endpoint, a.host, a.accessKey]).toEqual(['http://localhost:9090', 'localhost', 'k1']);
  });

  it('rejects duplicates, a missing Endpoint and a bad Port', () => {
    expect(() => parseConnectionString('Endpoint=http://a;endpoint=http://b')).toThrow(
      'Duplicate properties found in connection string: endpoint.',
    );
    expect(() => parseConnectionString('AccessKey=k')).toThrow(
      'Required property not found in connection string: Endpoint.',
    );
    expect(() => parseConnectionString('Endpoint=http://a;Port=70000')).toThrow(
      'Invalid Port value: 70000',
    );
  });

  it('keeps no key for identity-based connections, so signatures are not checked', () => {
    const access = identityAccess('https://demo.webpubsub.azure.com');
    expect([access.host, access.accessKey, access.signatureOf('c')]).toEqual([
      'demo.webpubsub.azure.com',
      undefined,
      undefined,
    ]);
  });

  it('finds `<name>__serviceUri`, and names an invalid setting', () => {
    const connections = new ServiceConnections({
      Wps__serviceUri: 'https://demo.webpubsub.azure.com',
      Broken: 'AccessKey=k',
    });
    expect(connections.find('Wps')?.endpoint).toBe('https://demo.webpubsub.azure.com');
    expect(connections.find('Missing')).toBeUndefined();
    expect(() => connections.get('Missing')).toThrow("'Missing' is not set");
    expect(() => connections.find('Broken')).toThrow("'Broken' is invalid: Required property");
  });
});

describe('connection context headers', () => {
  it('lists every header but the content ones, values as arrays, under the first spelling', () => {
    const listed = listHeaders([
      'Host',
      'localhost',
      'ce-hub',
      'chat',
      'Content-Type',
      'text/plain',
      'x-a',
      '1',
      'X-A',
      '2',
      'X-B',
      '3',
      'x-b',
      '4',
      'x-b',
      '5',
      'content-length',
      '9',
    ]);
    expect({ ...listed }).toEqual({
      Host: ['localhost'],
      'ce-hub': ['chat'],
      'x-a': ['1', '2'],
      'X-B': ['3', '4', '5'],
    });
  });

  it('merges exact repeats of a lower-case name', () => {
    expect({ ...listHeaders(['ce-id', '1', 'ce-id', '2']) }).toEqual({ 'ce-id': ['1', '2'] });
  });
});

describe('connection states', () => {
  it('round-trips the nested base64 encoding and merges new values over old ones', () => {
    const header = encodeStates(new Map([['a', '{"x":1}']]));
    expect(JSON.parse(Buffer.from(header, 'base64').toString())).toEqual({
      a: Buffer.from('{"x":1}').toString('base64'),
    });
    const merged = mergeStates(decodeStates(header), { a: 2, b: 'two' });
    expect([...merged!]).toEqual([
      ['a', '2'],
      ['b', '"two"'],
    ]);
    expect(mergeStates(new Map(), {})).toBeUndefined();
  });
});

describe('output actions', () => {
  it('matches names and fields case-insensitively and reads Buffer data', () => {
    const [a] = parseActions({
      ActionName: 'SENDTOGROUP',
      Group: 'g',
      data: { type: 'Buffer', data: [1, 2] },
      dataType: 'Binary',
      excluded: ['c1'],
    });
    // Only the fields sendToGroup's REST call uses (the action type is a discriminated union).
    expect(a).toEqual({
      actionName: 'sendToGroup',
      group: 'g',
      dataType: 'binary',
      excluded: ['c1'],
      data: Buffer.from([1, 2]),
    });
  });

  it('says which action and field are wrong', () => {
    expect(() =>
      parseActions([
        { actionName: 'sendToAll', data: 'x' },
        { actionName: 'grantPermission', connectionId: 'c' },
      ]),
    ).toThrow("action 1: grantPermission needs 'permission': sendToGroup or joinLeaveGroup.");
    expect(() => parseActions('not an action')).toThrow('the action is not an object');
  });
});

describe("a binding's connection settings", () => {
  // Extension 1.10.2 (CHANGELOG): the trigger and webPubSubContext take a singular `connection`
  // as well as `connections`; `connections` wins when both are there.
  it('takes connections, else the singular connection, else none', () => {
    expect(settingNames({ connections: ['A', 'B'] })).toEqual(['A', 'B']);
    expect(settingNames({ connection: 'C' })).toEqual(['C']);
    expect(settingNames({ connections: ['A'], connection: 'C' })).toEqual(['A']);
    expect(settingNames({ connections: [], connection: 'C' })).toEqual(['C']);
    expect(settingNames({ connection: '' })).toBeUndefined();
    expect(settingNames({})).toBeUndefined();
  });
});

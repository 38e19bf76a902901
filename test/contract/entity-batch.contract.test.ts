// The chat's entity-group transactions: the very request @azure/data-tables writes for the same
// operations (captured before it leaves the client), and their effect on a real Azurite.
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { AzureNamedKeyCredential, TableClient as SdkTableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';

import type { BatchOperation } from '../../adapters/storage/entity-batch';
import { submitBatch } from '../../adapters/storage/entity-batch';
import { AZURITE_ACCOUNT, AZURITE_KEY, tableClient, useAzurite } from '../setup/azurite';
import { unique } from '../unit/chat/stores/store-suite-helpers';

const azurite = useAzurite();

const OPERATIONS: BatchOperation[] = [
  ['create', { partitionKey: "it's é ~", rowKey: 'm-000000000001', body: '{"a":"\\"x"}', ts: 't' }],
  ['create', { partitionKey: "it's é ~", rowKey: 'id-a b', seq: { value: '1', type: 'Int64' } }],
  [
    'upsert',
    { partitionKey: "it's é ~", rowKey: "c'o%u nter", seq: { value: '9', type: 'Int64' } },
  ],
];
const AS_SDK_ACTIONS: TransactionAction[] = OPERATIONS.map(([kind, entity]) =>
  kind === 'create' ? ['create', entity] : ['upsert', entity, 'Replace'],
);

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A client on an unreachable endpoint whose one request is recorded and answered with 503. */
function capturing(connectionString: string): { client: TableClient; seen: Promise<Seen> } {
  const client = SdkTableClient.fromConnectionString(connectionString, 'history', {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  let resolve!: (s: Seen) => void;
  const seen = new Promise<Seen>((r) => (resolve = r));
  const capture: PipelinePolicy = {
    name: 'capture',
    sendRequest: (request: PipelineRequest) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) {
        if (!/^(x-ms-date|x-ms-client-request-id|authorization|user-agent)$/i.test(name)) {
          headers[name.toLowerCase()] = value.replace(/batch_[0-9a-f-]{36}/, 'batch_ID');
        }
      }
      const body = (typeof request.body === 'string' ? request.body : '')
        .replace(/batch_[0-9a-f-]{36}/g, 'batch_ID')
        .replace(/changeset_[0-9a-f-]{36}/g, 'changeset_ID');
      resolve({ url: request.url, headers, body });
      return Promise.reject(new Error('captured'));
    },
  };
  client.pipeline.addPolicy(capture, { afterPhase: 'Sign' });
  return { client, seen };
}

describe('submitBatch', () => {
  it.each([
    [
      'an account key',
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};`,
    ],
    ['a SAS', 'SharedAccessSignature=sv=2020-01-01&sig=abc%2Bd;'],
  ])('writes the request the SDK writes, with %s', async (_, credential) => {
    const connection = `${credential}TableEndpoint=http://127.0.0.1:1/devstoreaccount1;`;
    const ours = capturing(connection);
    const sdk = capturing(connection);
    await expect(submitBatch(ours.client, OPERATIONS)).rejects.toThrow('captured');
    await expect(sdk.client.submitTransaction(AS_SDK_ACTIONS)).rejects.toThrow('captured');
    const [mine, theirs] = await Promise.all([ours.seen, sdk.seen]);
    expect(mine).toEqual(theirs);
    expect(mine.body).toContain("(PartitionKey='it''s%20%C3%A9%20~',RowKey='c''o%25u%20nter')");
  });

  it('commits every operation, or none with the failing one as a 409 RestError', async () => {
    const table = tableClient(azurite(), unique('batch').replace(/[^a-z0-9]/gi, ''));
    await table.createTable();
    await submitBatch(table, OPERATIONS);
    expect(await table.getEntity("it's é ~", "c'o%u nter")).toMatchObject({ seq: 9n });
    await submitBatch(table, [
      [
        'upsert',
        { partitionKey: "it's é ~", rowKey: "c'o%u nter", seq: { value: '10', type: 'Int64' } },
      ],
    ]);
    expect(await table.getEntity("it's é ~", "c'o%u nter")).toMatchObject({ seq: 10n });

    const again = submitBatch(table, [
      ['create', { partitionKey: "it's é ~", rowKey: 'fresh', body: 'x' }],
      OPERATIONS[1]!,
    ]);
    await expect(again).rejects.toMatchObject({
      name: 'RestError',
      statusCode: 409,
      code: 'EntityAlreadyExists',
    });
    await expect(table.getEntity("it's é ~", 'fresh')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('rejects a request the service refuses (a wrong key) with its status and code', async () => {
    const { tableUrl } = azurite();
    const wrongKey = Buffer.from('not the account key').toString('base64');
    const client = new SdkTableClient(
      tableUrl,
      'history',
      new AzureNamedKeyCredential(AZURITE_ACCOUNT, wrongKey),
      { allowInsecureConnection: true },
    );
    await expect(submitBatch(client, OPERATIONS)).rejects.toMatchObject({
      name: 'RestError',
      statusCode: 403,
      code: 'AuthorizationFailure',
    });
  });
});

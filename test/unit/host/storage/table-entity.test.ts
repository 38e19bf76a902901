// Table entities in both directions, typed and named as the Tables extension does.
import { describe, expect, it } from 'vitest';

import {
  entityFromItem,
  entityToJson,
  validateTableName,
} from '../../../../packages/functions-host/src/storage/table-entity';

describe('entityFromItem', () => {
  it('types integers as Int64, other numbers as Double and nested values as indented JSON', () => {
    expect(
      entityFromItem(
        { PartitionKey: 'p', RowKey: 'r', n: 3, x: 1.5, s: 's', b: false, o: { a: 1 }, z: null },
        {},
      ),
    ).toEqual({
      partitionKey: 'p',
      rowKey: 'r',
      etag: undefined,
      properties: {
        n: { value: '3', type: 'Int64' },
        x: { value: 1.5, type: 'Double' },
        s: 's',
        b: false,
        o: '{\n  "a": 1\n}',
      },
    });
  });

  it('matches key and ETag names in any case and falls back to the binding keys', () => {
    const entity = entityFromItem(
      { rowkey: 'r', etag: '*', Timestamp: 'ignored' },
      { partitionKey: 'from-binding' },
    );
    expect(entity).toMatchObject({
      partitionKey: 'from-binding',
      rowKey: 'r',
      etag: '*',
      properties: {},
    });
  });

  it('reads JSON text and rejects anything but an object', () => {
    expect(entityFromItem('{"PartitionKey":"p","RowKey":"r"}', {}).rowKey).toBe('r');
    expect(() => entityFromItem('text', {})).toThrow('must be a JSON object');
    expect(() => entityFromItem([1], {})).toThrow('must be a JSON object');
  });

  it.each([undefined, 'a/b', 'a#b', 'a?b', 'a\\b', 'a\u0001b'])(
    'rejects the row key %j',
    (rowKey) => {
      expect(() => entityFromItem({ PartitionKey: 'p', RowKey: rowKey }, {})).toThrow(
        'is not a valid value for a partition key or row key',
      );
    },
  );
});

describe('entityToJson', () => {
  it('returns keys in PascalCase and values without EDM wrappers, ETag or Timestamp', () => {
    expect(
      entityToJson({
        partitionKey: 'p',
        rowKey: 'r',
        etag: 'W/"x"',
        timestamp: '2024-01-01T00:00:00Z',
        'odata.metadata': 'ignored',
        i: { value: '5', type: 'Int32' },
        l: { value: '9007199254740991', type: 'Int64' },
        d: { value: 'NaN', type: 'Double' },
        t: { value: '2024-05-01T10:00:00.1200000Z', type: 'DateTime' },
        g: { value: '0f8fad5b-d9cb-469f-a165-70867728950e', type: 'Guid' },
        yes: { value: 'true', type: 'Boolean' },
        s: { value: 'text', type: 'String' },
      }),
    ).toEqual({
      PartitionKey: 'p',
      RowKey: 'r',
      i: 5,
      l: 9007199254740991,
      d: 'NaN',
      t: '2024-05-01T10:00:00.12+00:00',
      g: '0f8fad5b-d9cb-469f-a165-70867728950e',
      yes: true,
      s: 'text',
    });
  });
});

describe('validateTableName', () => {
  it('accepts service table names and rejects others', () => {
    expect(() => validateTableName('Items2024')).not.toThrow();
    for (const bad of ['ab', '1items', 'my-items']) {
      expect(() => validateTableName(bad)).toThrow('is not a valid name for an Azure table');
    }
  });
});

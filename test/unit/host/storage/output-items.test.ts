// Output values as the real host splits and writes them for queue and table collectors.
import { describe, expect, it } from 'vitest';

import {
  itemBytes,
  outputItems,
} from '../../../../packages/functions-host/src/storage/output-items';

const texts = (data: Parameters<typeof outputItems>[0]) =>
  outputItems(data).map((i) => itemBytes(i).toString());

describe('outputItems', () => {
  it('writes a plain string as it is', () => {
    expect(texts({ string: 'hello' })).toEqual(['hello']);
  });

  it('writes an object as indented JSON', () => {
    expect(texts({ json: '{"a":1,"b":[true]}' })).toEqual([
      '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}',
    ]);
  });

  it('splits arrays, writing scalars as .NET prints them', () => {
    expect(texts({ json: '["x",2,1.5,true,{"k":"v"}]' })).toEqual([
      'x',
      '2',
      '1.5',
      'True',
      '{\n  "k": "v"\n}',
    ]);
  });

  it('parses a string that looks like JSON, and rejects one that only looks like it', () => {
    expect(texts({ string: ' [1, 2] ' })).toEqual(['1', '2']);
    expect(texts({ string: '{"a":1}' })).toEqual(['{\n  "a": 1\n}']);
    expect(() => outputItems({ string: '{not json}' })).toThrow('looks like JSON');
  });

  it('keeps bytes and numbers', () => {
    expect(outputItems({ bytes: new Uint8Array([1, 2]) })).toEqual([Buffer.from([1, 2])]);
    expect(texts({ int: 7 })).toEqual(['7']);
  });
});

// How the real host turns one output binding value from the Node worker into the items it hands an
// extension's collector: typed data → a .NET value (JSON parsed), then a JSON array or a string that
// looks like JSON (`{...}`/`[...]`) is split, and every item is written as text or bytes.
import type { RpcTypedData } from '../core/types';
import { jtokenToString } from './dotnet-json';

/** A Buffer (bytes from the worker) or a parsed JSON value. */
export type OutputItem = Buffer | string | number | boolean | null | object;

export function outputItems(data: RpcTypedData): OutputItem[] {
  const value = toHostValue(data);
  if (Array.isArray(value)) return value as OutputItem[];
  if (typeof value === 'string' && looksLikeJson(value)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new Error(`the value looks like JSON but is not: ${(err as Error).message}`);
    }
    return Array.isArray(parsed) ? (parsed as OutputItem[]) : [parsed as OutputItem];
  }
  return [value];
}

/** The bytes an item becomes in an `IAsyncCollector<byte[]>` (queues, tables). */
export function itemBytes(item: OutputItem): Buffer {
  return Buffer.isBuffer(item) ? item : Buffer.from(jtokenToString(item), 'utf8');
}

function toHostValue(data: RpcTypedData): OutputItem {
  if (data.string !== undefined && data.string !== null) return data.string;
  if (data.json !== undefined && data.json !== null) return JSON.parse(data.json) as OutputItem;
  const bytes = data.bytes ?? data.stream;
  if (bytes) return Buffer.from(bytes);
  if (typeof data.int === 'number') return data.int;
  if (typeof data.double === 'number') return data.double;
  const strings = data.collectionString?.string;
  if (strings) return strings;
  const byteItems = data.collectionBytes?.bytes;
  if (byteItems) return byteItems.map((b) => Buffer.from(b));
  const numbers = data.collectionDouble?.double ?? data.collectionSint64?.sint64;
  if (numbers) return numbers;
  throw new Error('the output value has a type this binding cannot write');
}

/** Utility.IsJson: trimmed, it starts and ends like an object or an array. */
function looksLikeJson(value: string): boolean {
  const t = value.trim();
  return (t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'));
}

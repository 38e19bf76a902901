// Values the app returns or outputs, read the way the extension's JSON converters read them:
// case-insensitive property names, message data as a string or a Node Buffer's JSON form.
import type { RpcTypedData } from '../core/types';

export type DataTypeValue = 'binary' | 'json' | 'text';

const DATA_TYPES: Record<string, DataTypeValue> = {
  binary: 'binary',
  json: 'json',
  text: 'text',
  '0': 'binary',
  '1': 'json',
  '2': 'text',
};

/** A property by exact name, else by case-insensitive name (Newtonsoft's default matching). */
export function field(obj: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

/** Message data: a string (UTF-8) or `{type: 'Buffer', data: [bytes]}`; anything else throws. */
export function messageData(value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (isObject(value) && value.type !== undefined && value.type !== null) {
    const bytes = field(value, 'data');
    if (bytes === undefined || bytes === null) return Buffer.alloc(0);
    if (Array.isArray(bytes) && bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
      return Buffer.from(bytes as number[]);
    }
    if (typeof bytes === 'string') return Buffer.from(bytes, 'base64');
  }
  throw new Error('Message should be string, please stringify object.');
}

/** `binary`/`json`/`text` in any case, or 0/1/2; `fallback` when absent. Throws otherwise. */
export function dataTypeValue(value: unknown, fallback: DataTypeValue): DataTypeValue {
  if (value === undefined || value === null) return fallback;
  const key = text(value).toLowerCase();
  const type = Object.hasOwn(DATA_TYPES, key) ? DATA_TYPES[key] : undefined;
  if (!type || (typeof value !== 'string' && typeof value !== 'number')) {
    throw new Error(`Invalid dataType '${text(value)}': use binary, json or text.`);
  }
  return type;
}

/** Any value as text for messages and lookups (objects as JSON, not `[object Object]`). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return value.toString();
  }
  return JSON.stringify(value) ?? '';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface WorkerValue {
  /** True when the worker sent JSON (objects, arrays, booleans), which the host parses. */
  fromJson: boolean;
  value: unknown;
}

/** Typed data as the extension receives it from the worker: JSON text parsed, the rest kept. */
export function fromTypedData(data: RpcTypedData): WorkerValue {
  if (data.json != null) return { fromJson: true, value: JSON.parse(data.json) };
  if (data.string != null) return { fromJson: false, value: data.string };
  if (data.bytes != null) return { fromJson: false, value: Buffer.from(data.bytes) };
  return { fromJson: false, value: data.int ?? data.double ?? undefined };
}

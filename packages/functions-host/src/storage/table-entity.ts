// Table entities between the Node worker and the Table service, converted as the Tables extension
// does: a JSON object becomes an entity (integers Int64, other numbers Double, nested values as
// indented JSON text, PartitionKey/RowKey/ETag matched case-insensitively), and an entity read back
// is PartitionKey, RowKey and its properties, without ETag and Timestamp.
import { dotnetUtcFromService, isJsonInteger } from './dotnet-json';
import type { OutputItem } from './output-items';

export interface EntityToWrite {
  partitionKey: string;
  rowKey: string;
  /** undefined → insert; `*` → insert or replace; any other value → replace if it still matches. */
  etag: string | undefined;
  /** Properties in the data-tables SDK's shape (typed values as `{ value, type }`). */
  properties: Record<string, unknown>;
}

interface EdmValue {
  value: unknown;
  type: string;
}

export function entityFromItem(
  item: OutputItem,
  defaults: { partitionKey?: string | undefined; rowKey?: string | undefined },
): EntityToWrite {
  const source = asObject(item);
  let partitionKey: unknown = defaults.partitionKey;
  let rowKey: unknown = defaults.rowKey;
  let etag: string | undefined;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const lower = key.toLowerCase();
    if (lower === 'partitionkey') partitionKey = value;
    else if (lower === 'rowkey') rowKey = value;
    else if (lower === 'etag')
      etag = value === null || value === undefined ? undefined : text(value);
    else if (lower !== 'timestamp' && value !== null && value !== undefined) {
      properties[key] = toEdm(value);
    }
  }
  return { partitionKey: validKey(partitionKey), rowKey: validKey(rowKey), etag, properties };
}

/** An entity as the SDK returns it with `disableTypeConversion` → the JSON the worker receives. */
export function entityToJson(entity: Record<string, unknown>): Record<string, unknown> {
  const json: Record<string, unknown> = {
    PartitionKey: entity.partitionKey,
    RowKey: entity.rowKey,
  };
  for (const [key, value] of Object.entries(entity)) {
    if (['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(key) || key.startsWith('odata.')) {
      continue;
    }
    json[key] = fromEdm(value);
  }
  return json;
}

export function validateTableName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(name)) {
    throw new Error(`'${name}' is not a valid name for an Azure table`);
  }
}

function asObject(item: OutputItem): Record<string, unknown> {
  let value: unknown = item;
  if (Buffer.isBuffer(item) || typeof item === 'string') {
    try {
      value = JSON.parse(item.toString());
    } catch {
      value = undefined;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('a table entity must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function toEdm(value: unknown): unknown {
  if (typeof value === 'number') {
    return isJsonInteger(value)
      ? { value: String(value), type: 'Int64' }
      : { value, type: 'Double' };
  }
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return value;
}

function fromEdm(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('type' in value)) return value;
  const edm = value as EdmValue;
  switch (edm.type) {
    case 'Boolean':
      return edm.value === true || edm.value === 'true';
    case 'Int32':
    case 'Int64':
      return Number(edm.value);
    case 'Double': {
      const n = Number(edm.value);
      return Number.isFinite(n) ? n : String(edm.value); // Newtonsoft writes "NaN", "Infinity"
    }
    case 'DateTime':
      return dotnetUtcFromService(String(edm.value));
    default:
      return edm.value; // String, Guid, Binary (base64)
  }
}

function validKey(value: unknown): string {
  const key = value === null || value === undefined ? undefined : text(value);
  if (key === undefined || [...key].some(invalidKeyChar)) {
    throw new Error(
      `'${key ?? ''}' is not a valid value for a partition key or row key. ` +
        "Ensure that the table entity contains valid 'PartitionKey' and 'RowKey' values.",
    );
  }
  return key;
}

/** `/`, `\\`, `#`, `?` and control characters are not allowed in keys. */
function invalidKeyChar(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return '/\\#?'.includes(c) || code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

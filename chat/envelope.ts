// Parses a user event's data (a JSON string, bounded in size) against its envelope schema from the
// chat contract, into a value or the `ChatError` the sender gets back; a refusal carries the client's
// `id` when the data has a well-formed one, so the client can tie the refusal to what it sent.
import type { z } from 'zod';

import { jsonDepthWithin } from '../chat-contract/json-depth';
import { MAX_ENVELOPE_BYTES, MAX_JSON_DEPTH, MESSAGE_ID } from '../chat-contract/limits';
import { describeSchemaError } from '../chat-contract/schema-errors';
import type { ChatError } from './errors';
import { chatError } from './errors';

export type Parsed<T> =
  | { ok: true; value: T }
  | { ok: false; error: ChatError; /** The client's own id, when valid. */ id?: string };

/**
 * Bytes of data read for an id at most: a refused event of any size the service delivers (1 MiB)
 * still gets its id back; past that nothing is parsed.
 */
const MAX_ID_SCAN_BYTES = 1024 * 1024;

/** Never throws. */
export function parseEnvelope<T>(schema: z.ZodType<T>, data: string): Parsed<T> {
  const parsed = parseData(schema, data);
  if (parsed.ok) return parsed;
  const id = clientIdOf(data);
  return id === undefined ? parsed : { ...parsed, id };
}

/**
 * The `id` of an event's data when it is a JSON object whose `id` is a string the contract accepts
 * as an id (MESSAGE_ID); nothing else of unvalidated data is ever echoed. Never throws.
 */
export function clientIdOf(data: string): string | undefined {
  if (data.length > MAX_ID_SCAN_BYTES || !jsonDepthWithin(data, MAX_JSON_DEPTH)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const id: unknown = (json as { id?: unknown }).id;
  return typeof id === 'string' && MESSAGE_ID.test(id) ? id : undefined;
}

function parseData<T>(schema: z.ZodType<T>, data: string): Parsed<T> {
  if (Buffer.byteLength(data) > MAX_ENVELOPE_BYTES) {
    return {
      ok: false,
      error: chatError('TooLarge', `An event's data may be at most ${MAX_ENVELOPE_BYTES} bytes.`),
    };
  }
  if (!jsonDepthWithin(data, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      error: chatError('InvalidEnvelope', `The event data nests deeper than ${MAX_JSON_DEPTH}.`),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, error: chatError('InvalidEnvelope', 'The event data is not JSON.') };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    error: chatError('InvalidEnvelope', describeSchemaError(result.error, 'invalid envelope')),
  };
}

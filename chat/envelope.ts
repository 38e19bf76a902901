// Parses a user event's data (a JSON string, bounded in size) against its envelope schema from the
// chat contract, into a value or the `ChatError` the sender gets back.
import type { z } from 'zod';

import { jsonDepthWithin } from '../chat-contract/json-depth';
import { MAX_ENVELOPE_BYTES, MAX_JSON_DEPTH } from '../chat-contract/limits';
import { describeSchemaError } from '../chat-contract/schema-errors';
import type { ChatError } from './errors';
import { chatError } from './errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ChatError };

/** Never throws. */
export function parseEnvelope<T>(schema: z.ZodType<T>, data: string): Parsed<T> {
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

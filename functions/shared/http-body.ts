// Reads and validates a JSON request body: a clear 400 for bad JSON or a body that fails the schema.
import { isRestError } from '@azure/core-rest-pipeline';
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { z } from 'zod';

import { httpError } from '../../bindings';
import { jsonDepthWithin } from '../../chat-contract/json-depth';
import { MAX_JSON_DEPTH } from '../../chat-contract/limits';
import { describeSchemaError } from '../../chat-contract/schema-errors';

const MAX_BODY_BYTES = 64 * 1024;

export async function jsonBody<T>(
  request: HttpRequest,
  schema: z.ZodType<T, unknown>,
): Promise<{ ok: true; value: T } | { ok: false; response: HttpResponseInit }> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    return {
      ok: false,
      response: httpError(413, 'TooLarge', `The body may be at most ${MAX_BODY_BYTES} bytes.`),
    };
  }
  if (!jsonDepthWithin(text, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      response: httpError(400, 'InvalidJson', `The body nests deeper than ${MAX_JSON_DEPTH}.`),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: httpError(400, 'InvalidJson', 'The body is not JSON.') };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    response: httpError(400, 'InvalidRequest', describeSchemaError(result.error, 'invalid body')),
  };
}

/**
 * Maps a service error (RestError) to the same status with the app's error shape; anything else
 * (storage or the service unreachable) is a 503 `Unavailable`. Never throws.
 */
export function serviceError(err: unknown): HttpResponseInit {
  const status = isRestError(err) ? err.statusCode : undefined;
  if (isRestError(err) && status !== undefined && status >= 400 && status < 500) {
    return httpError(status, 'ServiceRejected', err.message);
  }
  return httpError(503, 'Unavailable', 'The server could not complete this; try again.');
}

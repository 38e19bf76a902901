// JSON error responses for the app's HTTP APIs: `{ "error": { "code", "message" } }` with a status.
import type { HttpResponseInit } from '@azure/functions';

export function httpError(status: number, code: string, message: string): HttpResponseInit {
  return { status, jsonBody: { error: { code, message } } };
}

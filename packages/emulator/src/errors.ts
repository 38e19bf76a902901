// Errors are data: a stable emulator code, the HTTP status and the service's error code.
// One writer (`writeRestError`) turns them into the service's JSON error shape.
import type { ServerResponse } from 'node:http';

export type EmulatorErrorCode =
  | 'EMU_ERR_BAD_REQUEST'
  | 'EMU_ERR_INVALID_FILTER'
  | 'EMU_ERR_INVALID_NAME'
  | 'EMU_ERR_UNAUTHORIZED'
  | 'EMU_ERR_FORBIDDEN'
  | 'EMU_ERR_NOT_FOUND'
  | 'EMU_ERR_METHOD_NOT_ALLOWED'
  | 'EMU_ERR_PAYLOAD_TOO_LARGE'
  | 'EMU_ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'EMU_ERR_INTERNAL'
  | 'EMU_ERR_CONFIG';

const SERVICE_CODES: Record<number, string> = {
  400: 'Error.BadRequest',
  401: 'Error.Unauthorized',
  403: 'Error.Forbidden',
  404: 'Error.NotFound',
  405: 'Error.MethodNotAllowed',
  413: 'Error.PayloadTooLarge',
  415: 'Error.UnsupportedMediaType',
  500: 'Error.InternalServerError',
};

/** An inner error of the service's `ErrorDetail` (`details[]`). */
export interface ErrorDetailItem {
  code: string;
  message: string;
  target: string;
}

export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  constructor(
    readonly code: EmulatorErrorCode,
    readonly status: number,
    message: string,
    readonly target = 'Request',
    readonly details?: readonly ErrorDetailItem[],
  ) {
    super(message);
  }

  /** The service's error code (`Error.BadRequest`, ...). */
  get serviceCode(): string {
    return SERVICE_CODES[this.status] ?? 'Error.Unknown';
  }
}

export const badRequest = (message: string, target?: string) =>
  new EmulatorError('EMU_ERR_BAD_REQUEST', 400, message, target);
export const invalidFilter = (message: string) =>
  new EmulatorError('EMU_ERR_INVALID_FILTER', 400, `Invalid filter: ${message}`, 'filter');
export const invalidName = (kind: string, value: string) =>
  new EmulatorError(
    'EMU_ERR_INVALID_NAME',
    400,
    `Invalid ${kind} name '${truncate(value)}'.`,
    kind,
  );
export const unauthorized = (message: string) =>
  new EmulatorError('EMU_ERR_UNAUTHORIZED', 401, message);
export const notFound = (message: string) => new EmulatorError('EMU_ERR_NOT_FOUND', 404, message);
export const methodNotAllowed = (method: string, path: string) =>
  new EmulatorError('EMU_ERR_METHOD_NOT_ALLOWED', 405, `${method} is not allowed on ${path}.`);
export const payloadTooLarge = (limit: number) =>
  new EmulatorError('EMU_ERR_PAYLOAD_TOO_LARGE', 413, `The message is larger than ${limit} bytes.`);
export const unsupportedMediaType = (type: string) =>
  new EmulatorError(
    'EMU_ERR_UNSUPPORTED_MEDIA_TYPE',
    415,
    `Content-Type '${truncate(type)}' is not supported; use text/plain, application/json or application/octet-stream.`,
  );
export const configError = (message: string) =>
  new EmulatorError('EMU_ERR_CONFIG', 500, message, 'Configuration');

/** Normalise anything thrown into an Error. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : JSON.stringify(err));
}

export function writeRestError(res: ServerResponse, err: unknown): void {
  const e =
    err instanceof EmulatorError
      ? err
      : new EmulatorError('EMU_ERR_INTERNAL', 500, 'The emulator failed to process the request.');
  if (!(err instanceof EmulatorError)) console.error('[emulator] unexpected error:', err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({
    code: e.serviceCode,
    message: e.message,
    target: e.target,
    ...(e.details ? { details: e.details } : {}),
  });
  res.writeHead(e.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-ms-error-code': e.serviceCode,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function truncate(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}

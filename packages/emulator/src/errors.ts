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

/** The emulator's own explanation of an error, kept on the error (not in the service's body). */
export interface ErrorDetailItem {
  code: string;
  message: string;
  target: string;
}

/** How the service words an error beyond its status. */
export interface ServiceErrorShape {
  /** `code` and `x-ms-error-code` (default: `Error.<status name>`), e.g. `Warning.User.NotExisted`. */
  serviceCode?: string;
  /**
   * ASP.NET Core's validation problem (`application/problem+json`) instead of `ErrorDetail`: what
   * the service answers to a filter it cannot parse (recorded in Azure/azure-sdk-assets
   * js/sdk/web-pubsub/web-pubsub/recordings/node/hubclient_working_with_a_hub/
   * recording_can_broadcast_with_filter.json). Core-client does not parse that type, so an SDK user
   * reads the whole body as `error.message` and no `error.code`, as the SDK's live tests expect.
   */
  validation?: boolean;
}

export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';
  constructor(
    readonly code: EmulatorErrorCode,
    readonly status: number,
    message: string,
    readonly target = 'Request',
    readonly details?: readonly ErrorDetailItem[],
    readonly shape: ServiceErrorShape = {},
  ) {
    super(message);
  }

  /** The service's error code (`Error.BadRequest`, `Info.Connection.NotExisted`, ...). */
  get serviceCode(): string {
    return this.shape.serviceCode ?? SERVICE_CODES[this.status] ?? 'Error.Unknown';
  }

  /** The same error for another target (a filter in a JSON body is `Filter`, not `filter`). */
  withTarget(target: string): EmulatorError {
    return new EmulatorError(
      this.code,
      this.status,
      this.message,
      target,
      this.details,
      this.shape,
    );
  }
}

export const badRequest = (message: string, target?: string) =>
  new EmulatorError('EMU_ERR_BAD_REQUEST', 400, message, target);
export const invalidFilter = (message: string) =>
  new EmulatorError(
    'EMU_ERR_INVALID_FILTER',
    400,
    `Invalid filter: ${message}`,
    'filter',
    undefined,
    { validation: true },
  );
export const invalidName = (kind: string, value: string) =>
  new EmulatorError(
    'EMU_ERR_INVALID_NAME',
    400,
    `Invalid ${kind} name '${truncate(value)}'.`,
    kind,
  );
/**
 * A group name the REST API refuses, worded as the service words it (recorded in Azure/azure-sdk-
 * assets js/sdk/web-pubsub/web-pubsub/recordings/node/hubclient_working_with_a_hub/
 * recording_can_trace_through_the_various_options.json, a revokePermission without targetName).
 */
export const invalidGroupName = (bodyProperty?: string) =>
  new EmulatorError(
    'EMU_ERR_INVALID_NAME',
    400,
    'Invalid group name. Valid group name should be in between 1 and 1024 characters long.',
    bodyProperty ?? 'Request',
    undefined,
    // In a JSON body the same words come as a validation problem naming the property.
    { validation: bodyProperty !== undefined },
  );

type Missing = 'Connection' | 'User' | 'Group';
/**
 * 404 for a connection, user or group that is not there, as the service answers it: a code whose
 * level depends on the operation (`Error.Connection.NotExisted` for addConnectionToGroup,
 * `Info.Connection.NotExisted` for permissions, `Warning.*.NotExisted` for existence checks) and
 * "Connection `xxx` is not found." (the same recordings as above, and recording_can_grant_permissions_
 * to_connections.json, group_client_working_with_a_group/recording_can_manage_connections.json).
 */
export const notExisted = (level: 'Error' | 'Warning' | 'Info', kind: Missing, id: string) =>
  new EmulatorError('EMU_ERR_NOT_FOUND', 404, `${kind} \`${id}\` is not found.`, kind, undefined, {
    serviceCode: `${level}.${kind}.NotExisted`,
  });
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
  const body = JSON.stringify(e.shape.validation ? validationProblem(e) : errorDetail(e));
  res.writeHead(e.status, {
    'content-type': e.shape.validation
      ? 'application/problem+json; charset=utf-8'
      : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-ms-error-code': e.serviceCode,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The service's `ErrorDetail`, with its empty `details` and `inner` written out as it does. */
function errorDetail(e: EmulatorError) {
  return { code: e.serviceCode, message: e.message, target: e.target, details: null, inner: null };
}

/** ASP.NET Core's ValidationProblemDetails with the service's code, message and target first. */
function validationProblem(e: EmulatorError) {
  return {
    code: e.serviceCode,
    message: e.message,
    target: e.target,
    errors: { [e.target]: [e.message] },
    type: null,
    title: 'One or more validation errors occurred.',
    status: e.status,
    detail: null,
    instance: null,
    extensions: {},
  };
}

function truncate(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}

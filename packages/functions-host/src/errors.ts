// Errors are data: a stable host code, the HTTP status the real host would answer, a message.
export type HostErrorCode =
  | 'HOST_ERR_CONFIG'
  | 'HOST_ERR_UNSUPPORTED_BINDING'
  | 'HOST_ERR_LOAD'
  | 'HOST_ERR_FUNCTION_FAILED'
  | 'HOST_ERR_TIMEOUT'
  | 'HOST_ERR_WORKER_EXITED'
  | 'HOST_ERR_BINDING'
  | 'HOST_ERR_BAD_REQUEST'
  | 'HOST_ERR_UNAUTHORIZED'
  | 'HOST_ERR_NOT_FOUND';

export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly code: HostErrorCode,
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const configError = (message: string) => new HostError('HOST_ERR_CONFIG', 500, message);
export const unsupportedBinding = (functionName: string, type: string, direction: string) =>
  new HostError(
    'HOST_ERR_UNSUPPORTED_BINDING',
    500,
    `Function '${functionName}' uses the ${direction} binding type '${type}', which the offline host does not support. ` +
      'See the @wps-local/functions-host README (supported triggers and bindings).',
  );
export const bindingError = (
  functionName: string,
  binding: string,
  message: string,
  cause?: unknown,
) =>
  new HostError(
    'HOST_ERR_BINDING',
    500,
    `Function '${functionName}', binding '${binding}': ${message}`,
    cause === undefined ? undefined : { cause },
  );
export const functionFailed = (functionName: string, cause: unknown) =>
  new HostError(
    'HOST_ERR_FUNCTION_FAILED',
    500,
    `Exception while executing function: Functions.${functionName}. ${errorMessage(cause)}`,
    { cause },
  );
export const functionTimeout = (functionName: string, ms: number) =>
  new HostError(
    'HOST_ERR_TIMEOUT',
    500,
    `Timeout value of ${formatTimeSpan(ms)} exceeded by function 'Functions.${functionName}'.`,
  );

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function formatTimeSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

// Store errors as data: a stable `code` (ws-style) plus a message that says what to do about it.

export type StoreErrorCode =
  | 'STORAGE_ERR_NOT_CONFIGURED'
  | 'STORAGE_ERR_CONTENDED'
  | 'HISTORY_ERR_BODY_INVALID'
  | 'HISTORY_ERR_BODY_TOO_LARGE'
  | 'PRESENCE_ERR_UNKNOWN_CONNECTION';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** `what`: which settings to set, or why the ones set do not do. */
export function storageNotConfigured(service: 'table' | 'queue', what: string): StoreError {
  return new StoreError('STORAGE_ERR_NOT_CONFIGURED', `No ${service} storage configured: ${what}.`);
}

export function tooMuchContention(what: string, attempts: number): StoreError {
  return new StoreError(
    'STORAGE_ERR_CONTENDED',
    `${what} lost ${attempts} optimistic-concurrency races in a row; try again.`,
  );
}

export function bodyInvalid(reason: string): StoreError {
  return new StoreError('HISTORY_ERR_BODY_INVALID', `Message body cannot be stored: ${reason}.`);
}

export function bodyTooLarge(chars: number, limit: number): StoreError {
  return new StoreError(
    'HISTORY_ERR_BODY_TOO_LARGE',
    `Message body is ${chars} characters as JSON; history stores at most ${limit} ` +
      `(one 64 KiB Table property).`,
  );
}

export function unknownConnection(connectionId: string): StoreError {
  return new StoreError(
    'PRESENCE_ERR_UNKNOWN_CONNECTION',
    `Connection ${JSON.stringify(connectionId)} is not connected (connect it before joining rooms).`,
  );
}

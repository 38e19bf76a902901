// Typed responses to blocking events, in the shapes the extension maps to HTTP: a connect response,
// an error response (401/400/500), and a user-event response sent back to the client.

export interface ConnectResponse {
  userId?: string;
  groups?: string[];
  roles?: string[];
  subprotocol?: string;
  /** Merged into the connection's state; arrives on every later event as `connectionContext.states`. */
  states?: Record<string, unknown>;
}

export type EventErrorCode = 'unauthorized' | 'userError' | 'serverError';

export interface EventErrorResponse {
  code: EventErrorCode;
  errorMessage: string;
}

export interface UserEventResponse {
  data: string;
  dataType: 'json' | 'text' | 'binary';
  states?: Record<string, unknown>;
}

export const connectResponse = (response: ConnectResponse): ConnectResponse => response;

/** Refuses the connection (connect) or fails the event: unauthorized → 401, userError → 400, serverError → 500. */
export const eventError = (code: EventErrorCode, errorMessage: string): EventErrorResponse => ({
  code,
  errorMessage,
});

/** A JSON reply to the client that sent the event (serialised once, here). */
export const jsonResponse = (
  value: unknown,
  states?: Record<string, unknown>,
): UserEventResponse => ({
  data: JSON.stringify(value),
  dataType: 'json',
  ...(states ? { states } : {}),
});

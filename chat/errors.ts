// Errors the chat domain reports to clients and callers: a stable code and a human message.
export type ChatErrorCode =
  | 'Unauthenticated'
  | 'GuestsDisabled'
  | 'Banned'
  | 'InvalidEnvelope'
  | 'InvalidRoom'
  | 'TooLarge'
  | 'Forbidden'
  | 'RateLimited'
  | 'NotFound';

export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: ChatErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON() {
    return { code: this.code, message: this.message };
  }
}

export const chatError = (code: ChatErrorCode, message: string) => new ChatError(code, message);

// Errors the chat domain reports to clients and callers: a stable code from the chat contract and a
// human message.
import type { ErrorCode } from '../chat-contract/errors';

export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const chatError = (code: ErrorCode, message: string) => new ChatError(code, message);

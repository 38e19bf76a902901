// Message bodies are stored as JSON text in one string property: encode once, check the size, and
// build the stored message from that text so every store returns the same round-tripped body.
import { bodyInvalid, bodyTooLarge } from '../store-errors';
import type { NewMessage, StoredMessage } from './types';

/** A Table string property holds 64 KiB of UTF-16, i.e. 32 Ki characters. */
const MAX_BODY_CHARS = 32 * 1024;

export function encodeBody(body: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    throw bodyInvalid(error instanceof Error ? error.message : String(error));
  }
  if (json === undefined) throw bodyInvalid(`${typeof body} is not JSON`);
  if (json.length > MAX_BODY_CHARS) throw bodyTooLarge(json.length, MAX_BODY_CHARS);
  return json;
}

export function decodeBody(json: string): unknown {
  return JSON.parse(json) as unknown;
}

export function storedMessage(message: NewMessage, seq: number, body: string): StoredMessage {
  return {
    id: message.id,
    room: message.room,
    seq,
    from: { userId: message.from.userId, name: message.from.name },
    body: decodeBody(body),
    ts: message.ts,
  };
}

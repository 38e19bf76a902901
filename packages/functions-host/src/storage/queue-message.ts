// A queue message as the real host hands it to a Node function: the body as string typed data (the
// library JSON-parses it when it can), trigger metadata typed the way the host serializes it, and
// binding data where the top-level properties of a JSON body win over the built-in names.
import type { BindingData } from '../binding-expressions';
import type { RpcTypedData } from '../core/types';
import type { TriggerEvent } from '../extension';
import { dotnetUtc } from './dotnet-json';
import type { MessageEncoding } from './queue-options';

/** The fields of a received message the trigger uses (a subset of the SDK's DequeuedMessageItem). */
export interface ReceivedMessage {
  messageId: string;
  popReceipt: string;
  messageText: string;
  dequeueCount: number;
  insertedOn: Date;
  expiresOn: Date;
  nextVisibleOn: Date;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The message body, or undefined when a base64 queue holds text that is not base64. */
export function decodeMessage(text: string, encoding: MessageEncoding): string | undefined {
  if (encoding === 'none') return text;
  // Strict like .NET's Convert.FromBase64String (whitespace ignored); Buffer.from would guess.
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

export function encodeMessage(body: Buffer, encoding: MessageEncoding): string {
  return encoding === 'base64' ? body.toString('base64') : body.toString('utf8');
}

export function queueTriggerEvent(message: ReceivedMessage, body: string): TriggerEvent {
  const builtIn: BindingData = {
    QueueTrigger: body,
    DequeueCount: message.dequeueCount,
    ExpirationTime: dotnetUtc(message.expiresOn),
    Id: message.messageId,
    InsertionTime: dotnetUtc(message.insertedOn),
    NextVisibleTime: dotnetUtc(message.nextVisibleOn),
    PopReceipt: message.popReceipt,
  };
  const triggerMetadata: Record<string, RpcTypedData> = {};
  for (const [key, value] of Object.entries(builtIn)) {
    // Strings travel as strings; the host's default JSON serialization carries the rest.
    triggerMetadata[key] =
      typeof value === 'string' && !key.endsWith('Time')
        ? { string: value }
        : { json: JSON.stringify(value) };
  }
  const bindingData = { ...builtIn };
  for (const [key, value] of Object.entries(jsonProperties(body))) {
    for (const existing of Object.keys(bindingData)) {
      if (existing.toLowerCase() === key.toLowerCase()) {
        delete bindingData[existing];
        delete triggerMetadata[existing];
      }
    }
    bindingData[key] = value;
    triggerMetadata[key] = { json: JSON.stringify(value) };
  }
  return { data: { string: body }, triggerMetadata, bindingData };
}

function jsonProperties(body: string): Record<string, unknown> {
  const t = body.trim();
  if (!t.startsWith('{')) return {};
  try {
    const parsed: unknown = JSON.parse(t);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

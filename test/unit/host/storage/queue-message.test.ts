// Queue messages in and out: base64 handling, and the typed data, trigger metadata and binding data
// a function gets.
import { describe, expect, it } from 'vitest';

import type { ReceivedMessage } from '../../../../packages/functions-host/src/storage/queue-message';
import {
  decodeMessage,
  encodeMessage,
  queueTriggerEvent,
} from '../../../../packages/functions-host/src/storage/queue-message';

const message = (body: string): ReceivedMessage => ({
  messageId: 'id-1',
  popReceipt: 'receipt',
  messageText: Buffer.from(body).toString('base64'),
  dequeueCount: 2,
  insertedOn: new Date('2024-05-01T10:00:00Z'),
  expiresOn: new Date('2024-05-08T10:00:00.250Z'),
  nextVisibleOn: new Date('2024-05-01T10:10:00Z'),
});

describe('decodeMessage / encodeMessage', () => {
  it('decodes base64 text as UTF-8 and encodes it back', () => {
    const text = encodeMessage(Buffer.from('héllo ✓'), 'base64');
    expect(text).toBe(Buffer.from('héllo ✓').toString('base64'));
    expect(decodeMessage(text, 'base64')).toBe('héllo ✓');
  });

  it('returns undefined for text that is not strict base64', () => {
    expect(decodeMessage('not base64!', 'base64')).toBeUndefined();
    expect(decodeMessage('abc', 'base64')).toBeUndefined(); // missing padding
  });

  it('passes text through with messageEncoding none', () => {
    expect(decodeMessage('plain', 'none')).toBe('plain');
    expect(encodeMessage(Buffer.from('plain'), 'none')).toBe('plain');
  });
});

describe('queueTriggerEvent', () => {
  it('gives the body as string data and typed metadata', () => {
    const event = queueTriggerEvent(message('hello'), 'hello');
    expect(event.data).toEqual({ string: 'hello' });
    expect(event.triggerMetadata).toEqual({
      QueueTrigger: { string: 'hello' },
      DequeueCount: { json: '2' },
      ExpirationTime: { json: '"2024-05-08T10:00:00.25+00:00"' },
      Id: { string: 'id-1' },
      InsertionTime: { json: '"2024-05-01T10:00:00+00:00"' },
      NextVisibleTime: { json: '"2024-05-01T10:10:00+00:00"' },
      PopReceipt: { string: 'receipt' },
    });
    expect(event.bindingData).toMatchObject({ QueueTrigger: 'hello', Id: 'id-1', DequeueCount: 2 });
  });

  it('adds the properties of a JSON object body, which win over built-in names', () => {
    const body = JSON.stringify({ id: 'order-9', customer: { name: 'ada' } });
    const event = queueTriggerEvent(message(body), body);
    expect(event.bindingData).toMatchObject({ id: 'order-9', customer: { name: 'ada' } });
    expect(event.bindingData).not.toHaveProperty('Id');
    expect(event.triggerMetadata?.id).toEqual({ json: '"order-9"' });
    expect(event.triggerMetadata).not.toHaveProperty('Id');
  });

  it('adds nothing for arrays and invalid JSON', () => {
    for (const body of ['[1,2]', '{not json', '"text"']) {
      expect(Object.keys(queueTriggerEvent(message(body), body).bindingData)).toHaveLength(7);
    }
  });
});

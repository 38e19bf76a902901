// What a client receives, narrowed by its `type` tag alone; anything else is ignored.
import { describe, expect, it } from 'vitest';

import { asServerPayload, isRoomMessage } from '../../../chat-contract/guards';
import { serverPayloadSchema } from '../../../chat-contract/payloads';

const roomMessage = {
  type: 'message',
  room: 'lobby',
  seq: 1,
  id: 'm1',
  from: { userId: 'ada', name: 'Ada' },
  body: 'hi',
  ts: '2026-01-01T00:00:00.000Z',
} as const;

describe('asServerPayload', () => {
  it('keeps payloads of a known type and drops anything else', () => {
    expect(asServerPayload(roomMessage)).toBe(roomMessage);
    expect(asServerPayload({ type: 'left', room: 'a' })).toEqual({ type: 'left', room: 'a' });
    for (const other of [null, 'message', 1, {}, { type: 'unknown' }, { type: 7 }]) {
      expect(asServerPayload(other)).toBeUndefined();
    }
  });

  it('tells room messages from direct ones', () => {
    const direct = {
      type: 'message',
      id: 'd',
      from: roomMessage.from,
      to: { all: true },
      body: 1,
      ts: '',
    } as const;
    expect([isRoomMessage(roomMessage), isRoomMessage(direct)]).toEqual([true, false]);
  });
});

describe('serverPayloadSchema', () => {
  it('holds payloads to their exact shape', () => {
    expect(serverPayloadSchema.safeParse(roomMessage).success).toBe(true);
    expect(serverPayloadSchema.safeParse({ ...roomMessage, extra: 1 }).success).toBe(false);
    expect(serverPayloadSchema.safeParse({ type: 'ack' }).success).toBe(false);
  });
});

// The contract of the conversation events (PROTOCOL.md §2, §7): what the envelopes accept and
// refuse, the new payloads' shapes, and the typing-group rule (typing frames or nothing).
import { describe, expect, it } from 'vitest';

import {
  deleteSchema,
  editSchema,
  historySchema,
  joinSchema,
  reactSchema,
  readSchema,
  roomsSchema,
} from '../../../chat-contract/envelopes';
import { INVOKED_EVENTS, USER_EVENTS } from '../../../chat-contract/events';
import { asServerPayload, asTypingFrame } from '../../../chat-contract/guards';
import { REACTIONS } from '../../../chat-contract/limits';
import { serverPayloadSchema } from '../../../chat-contract/payloads';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('conversation envelopes', () => {
  it('names a conversation by room or by the other user, never both', () => {
    expect(ok(joinSchema, { room: 'lobby' })).toBe(true);
    expect(ok(joinSchema, { user: 'bob', since: 3 })).toBe(true);
    expect(ok(joinSchema, { room: 'lobby', user: 'bob' })).toBe(false);
    expect(ok(joinSchema, { user: '' })).toBe(false);
    expect(ok(readSchema, { user: 'bob', seq: 0 })).toBe(true);
    expect(ok(readSchema, { room: 'lobby', seq: -1 })).toBe(false);
    expect(ok(roomsSchema, {})).toBe(true);
    expect(ok(roomsSchema, { all: true })).toBe(false);
  });

  it('pages history forwards or backwards, not both at once', () => {
    expect(ok(historySchema, { room: 'lobby', before: 51, limit: 50 })).toBe(true);
    expect(ok(historySchema, { user: 'bob', since: 0 })).toBe(true);
    expect(ok(historySchema, { room: 'lobby', since: 1, before: 5 })).toBe(false);
    expect(ok(historySchema, { room: 'lobby', before: 0 })).toBe(false);
    expect(ok(historySchema, { room: 'lobby', limit: 201 })).toBe(false);
  });

  it('takes edits with a body, deletes and reactions of the fixed set, on a positive target', () => {
    expect(ok(editSchema, { room: 'lobby', target: 1, text: 'fixed' })).toBe(true);
    expect(ok(editSchema, { room: 'lobby', target: 1 })).toBe(false);
    expect(ok(editSchema, { room: 'lobby', target: 0, text: 'x' })).toBe(false);
    expect(ok(deleteSchema, { id: 'd1', user: 'bob', target: 4 })).toBe(true);
    expect(ok(deleteSchema, { room: 'lobby', target: 4, text: 'no' })).toBe(false);
    for (const reaction of REACTIONS) {
      expect(ok(reactSchema, { room: 'lobby', target: 1, reaction, on: true })).toBe(true);
    }
    expect(ok(reactSchema, { room: 'lobby', target: 1, reaction: 'poop', on: true })).toBe(false);
    expect(ok(reactSchema, { room: 'lobby', target: 1, reaction: 'like' })).toBe(false);
  });

  it('lists an event for each reply a client waits for, all of them user events', () => {
    expect(INVOKED_EVENTS.every((e) => USER_EVENTS.includes(e))).toBe(true);
    expect(INVOKED_EVENTS).toEqual(expect.arrayContaining(['join', 'history', 'rooms']));
  });
});

describe('conversation payloads', () => {
  const from = { userId: 'ada', name: 'Ada' };
  const ts = '2026-01-01T00:00:00.000Z';
  it('holds changes, read positions and the rooms list to their shape', () => {
    const change = {
      type: 'change',
      kind: 'reaction',
      room: 'lobby',
      id: 'r1',
      seq: 3,
      target: 1,
      from,
      ts,
      reaction: 'like',
      on: true,
    };
    expect(serverPayloadSchema.parse(change)).toEqual(change);
    expect(asServerPayload(change)).toBe(change);
    const dmEdit = {
      type: 'change',
      kind: 'edit',
      to: { user: 'bob' },
      id: 'e',
      seq: 2,
      target: 1,
      from,
      ts,
      body: 'x',
    };
    expect(serverPayloadSchema.parse(dmEdit)).toEqual(dmEdit);
    expect(() => serverPayloadSchema.parse({ ...change, reaction: 'poop' })).toThrow();
    expect(() => serverPayloadSchema.parse({ ...change, room: undefined })).toThrow();
    const read = { type: 'read', user: 'ada', userId: 'ada', seq: 9 };
    expect(serverPayloadSchema.parse(read)).toEqual(read);
    const rooms = {
      type: 'rooms',
      userId: 'ada',
      name: 'Ada',
      rooms: [
        {
          room: 'lobby',
          members: 2,
          joined: true,
          member: true,
          latestSeq: 4,
          readSeq: 1,
          unread: 3,
        },
      ],
      dms: [{ user: 'bob', name: 'Bob', latestSeq: 2, readSeq: 2, unread: 0 }],
    };
    expect(serverPayloadSchema.parse(rooms)).toEqual(rooms);
    // Whether the room is the user's is always said.
    const unsaid = { ...rooms.rooms[0], member: undefined };
    expect(() => serverPayloadSchema.parse({ ...rooms, rooms: [unsaid] })).toThrow();
  });
});

describe('asTypingFrame', () => {
  const frame = { type: 'typing' };
  it('reads a typing frame from a typing group, with the sender the service names', () => {
    expect(asTypingFrame({ group: 'typing.lobby', fromUserId: 'bob', data: frame })).toEqual({
      userId: 'bob',
      frame: { type: 'typing' },
    });
    const stop = { group: 'typing.dm.x', fromUserId: 'bob', data: { type: 'typing', stop: true } };
    expect(asTypingFrame(stop)?.frame).toEqual({ type: 'typing', stop: true });
  });

  it('ignores a fake chat message sent to a typing group, and anything from other groups', () => {
    const fake = {
      type: 'message',
      room: 'lobby',
      seq: 99,
      id: 'x',
      from: { userId: 'admin', name: 'Admin' },
      body: 'hi',
      ts: '',
    };
    expect(asTypingFrame({ group: 'typing.lobby', fromUserId: 'eve', data: fake })).toBeUndefined();
    expect(asTypingFrame({ group: 'typing.lobby', data: frame })).toBeUndefined();
    expect(asTypingFrame({ group: 'room.lobby', fromUserId: 'eve', data: frame })).toBeUndefined();
    expect(
      asTypingFrame({ group: 'typing.lobby', fromUserId: 'eve', data: 'typing' }),
    ).toBeUndefined();
    // Extra fields are dropped: the frame says only "typing" (or stop).
    const padded = { type: 'typing', name: 'Admin', text: 'spoof' };
    expect(
      asTypingFrame({ group: 'typing.lobby', fromUserId: 'eve', data: padded })?.frame,
    ).toEqual({ type: 'typing' });
  });
});

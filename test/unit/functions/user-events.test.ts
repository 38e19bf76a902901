// The user-event functions called directly: a typed reply to the sender, effects as output bindings,
// and an `error` reply (with nothing sent) for bad input or a refused operation.
import { InvocationContext } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { UserEventRequest } from '../../../bindings';
import { actionsOutput, occupancyOutput } from '../../../bindings';
import { USER_EVENTS } from '../../../chat-contract/events';
import { serverPayloadSchema } from '../../../chat-contract/payloads';
import { useServices } from '../../../functions/shared/app-services';
import { handleUserEvent, USER_EVENT_OPERATIONS } from '../../../functions/user-events';
import { memoryServices } from './memory-services';

const request = (
  data: unknown,
  userId = 'ada',
  connectionId = 'c1',
  ceId = '1',
): UserEventRequest => ({
  connectionContext: {
    eventType: 'User',
    eventName: 'x',
    hub: 'chat',
    connectionId,
    userId,
    states: { name: 'Ada', admin: false },
    headers: { 'Ce-Id': [ceId] },
  },
  data: typeof data === 'string' ? data : JSON.stringify(data),
  dataType: 'Json',
});
const replyOf = (response: { data: string }) =>
  serverPayloadSchema.parse(JSON.parse(response.data));

beforeEach(() => useServices(memoryServices()));
afterEach(() => useServices(undefined));

describe('user events', () => {
  it('has an operation for every user event of the contract', () => {
    expect(Object.keys(USER_EVENT_OPERATIONS).sort()).toEqual([...USER_EVENTS].sort());
    expect(USER_EVENTS).toEqual(
      expect.arrayContaining(['join', 'leave', 'message', 'history', 'edit', 'delete', 'react']),
    );
  });

  it('join: replies joined, adds the connection to the room and typing groups, grants typing, announces occupancy', async () => {
    const context = new InvocationContext();
    const response = await handleUserEvent('join')(request({ room: 'lobby' }), context);
    expect(replyOf(response)).toMatchObject({
      type: 'joined',
      room: 'lobby',
      members: [{ userId: 'ada' }],
    });
    expect(context.extraOutputs.get(actionsOutput)).toEqual([
      { actionName: 'addConnectionToGroup', connectionId: 'c1', group: 'room.lobby' },
      { actionName: 'addConnectionToGroup', connectionId: 'c1', group: 'typing.lobby' },
      {
        actionName: 'grantPermission',
        connectionId: 'c1',
        permission: 'sendToGroup',
        targetName: 'typing.lobby',
      },
      expect.objectContaining({ actionName: 'sendToGroup', group: 'room.lobby' }),
    ]);
    expect(context.extraOutputs.get(occupancyOutput)).toMatchObject([
      { name: 'room_occupied', room: 'lobby' },
    ]);
  });

  it('message: acks with the seq and delivers to the room once', async () => {
    await handleUserEvent('join')(request({ room: 'lobby' }), new InvocationContext());
    const context = new InvocationContext();
    const response = await handleUserEvent('message')(
      request({ id: 'm1', to: { room: 'lobby' }, text: 'hi' }),
      context,
    );
    expect(replyOf(response)).toEqual({
      type: 'ack',
      id: 'm1',
      room: 'lobby',
      seq: 1,
      duplicate: false,
    });
    expect(context.extraOutputs.get(actionsOutput)).toMatchObject([
      { actionName: 'sendToGroup', group: 'room.lobby', dataType: 'json' },
    ]);
  });

  it('message without an id: a retry of the same event (same ce-id) is stored once and re-delivered with the same seq', async () => {
    const send = async (connectionId: string, ceId: string) => {
      const context = new InvocationContext();
      const data = { to: { room: 'lobby' }, text: 'no id' };
      const reply = replyOf(
        await handleUserEvent('message')(request(data, 'ada', connectionId, ceId), context),
      );
      return { reply, sent: context.extraOutputs.get(actionsOutput) };
    };
    for (const c of ['c1', 'c2']) {
      await handleUserEvent('join')(request({ room: 'lobby' }, 'ada', c), new InvocationContext());
    }
    const first = await send('c1', '7');
    const retry = await send('c1', '7');
    expect(first.reply).toMatchObject({ type: 'ack', seq: 1, duplicate: false });
    expect(first.reply).toHaveProperty('id', expect.stringMatching(/^e:[\w-]{32}$/));
    expect(retry.reply).toEqual({ ...first.reply, duplicate: true });
    expect(first.sent).toHaveLength(1);
    // The retry is delivered again with the same seq (the first delivery may never have left);
    // members drop a seq they have already shown, so it is stored once and shown once.
    expect(retry.sent).toEqual(first.sent);
    // Another event, or the same event number on another connection, is another message.
    expect((await send('c1', '8')).reply).toMatchObject({ seq: 2, duplicate: false });
    expect((await send('c2', '7')).reply).toMatchObject({ seq: 3, duplicate: false });
  });

  it('edit, react, read and rooms: typed replies, changes to the room, read state to the reader’s tabs', async () => {
    await handleUserEvent('join')(request({ room: 'lobby' }), new InvocationContext());
    await handleUserEvent('message')(
      request({ id: 'm1', to: { room: 'lobby' }, text: 'helo' }),
      new InvocationContext(),
    );
    const context = new InvocationContext();
    const edit = { id: 'e1', room: 'lobby', target: 1, text: 'hello' };
    const reply = replyOf(await handleUserEvent('edit')(request(edit), context));
    expect(reply).toEqual({ type: 'ack', id: 'e1', room: 'lobby', seq: 2, duplicate: false });
    expect(context.extraOutputs.get(actionsOutput)).toMatchObject([
      { actionName: 'sendToGroup', group: 'room.lobby', data: expect.stringContaining('"change"') },
    ]);
    const like = { room: 'lobby', target: 1, reaction: 'like', on: true };
    expect(
      replyOf(await handleUserEvent('react')(request(like), new InvocationContext())),
    ).toMatchObject({ seq: 3 });
    const read = new InvocationContext();
    expect(
      replyOf(await handleUserEvent('read')(request({ room: 'lobby', seq: 3 }), read)),
    ).toEqual({ type: 'read', room: 'lobby', userId: 'ada', seq: 3 });
    expect(read.extraOutputs.get(actionsOutput)).toMatchObject([
      { actionName: 'sendToGroup', group: 'user.ada', excluded: ['c1'] },
    ]);
    const rooms = replyOf(await handleUserEvent('rooms')(request({}), new InvocationContext()));
    expect(rooms).toMatchObject({
      type: 'rooms',
      userId: 'ada',
      rooms: [{ room: 'lobby', members: 1, joined: true, latestSeq: 3, readSeq: 3, unread: 0 }],
    });
  });

  it('history: replies the page and emits nothing', async () => {
    await handleUserEvent('join')(request({ room: 'lobby' }), new InvocationContext());
    const context = new InvocationContext();
    const response = await handleUserEvent('history')(request({ room: 'lobby' }), context);
    expect(replyOf(response)).toEqual({
      type: 'history',
      room: 'lobby',
      messages: [],
      changes: [],
      latestSeq: 0,
      hasMore: false,
      hasOlder: false,
    });
    expect(context.extraOutputs.get(actionsOutput)).toBeUndefined();
  });

  it.each([
    ['not JSON', 'message', '{oops', 'InvalidEnvelope'],
    ['an invalid envelope', 'join', { room: 'no spaces' }, 'InvalidEnvelope'],
    ['an invalid message with an id', 'message', { id: 'x', to: { room: 'r' } }, 'InvalidEnvelope'],
    ['a refused operation', 'message', { id: 'x', to: { all: true }, text: 'hi' }, 'Forbidden'],
    ['a post by a non-member', 'message', { id: 'x', to: { room: 'r' }, text: 'hi' }, 'Forbidden'],
    ['history for a non-member', 'history', { room: 'r' }, 'Forbidden'],
  ] as const)(
    'answers %s with an error reply and sends nothing',
    async (_name, event, data, code) => {
      const context = new InvocationContext();
      const reply = replyOf(await handleUserEvent(event)(request(data), context));
      expect(reply).toMatchObject({ type: 'error', code });
      if (event === 'message' && typeof data === 'object') expect(reply).toMatchObject({ id: 'x' });
      else expect(reply).not.toHaveProperty('id');
      expect(context.extraOutputs.get(actionsOutput)).toBeUndefined();
    },
  );
});

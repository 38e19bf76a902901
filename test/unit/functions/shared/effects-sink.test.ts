// Effects → output bindings: group changes first, deliveries in order, each payload serialised
// once, every target mapped; occupancy events onto their queue; nothing set when there is nothing.
import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import { actionsOutput, occupancyOutput } from '../../../../bindings';
import { noEffects } from '../../../../chat/effects';
import type { ServerPayload } from '../../../../chat-contract/payloads';
import { emitEffects, toActions } from '../../../../functions/shared/effects-sink';

describe('toActions', () => {
  it('puts group changes first, then send permissions, then deliveries in order, sharing one serialised payload', () => {
    const payload: ServerPayload = { type: 'left', room: 'a' };
    const other: ServerPayload = { type: 'left', room: 'b' };
    const actions = toActions({
      groups: [{ kind: 'add', connectionId: 'c1', group: 'room.a' }],
      permissions: [{ kind: 'grant', connectionId: 'c1', group: 'typing.a' }],
      deliveries: [
        { to: { group: 'room.a' }, payload },
        { to: { user: 'u1' }, payload },
        { to: { connection: 'c2' }, payload: other },
        { to: { all: true }, payload, excluded: ['c1'] },
      ],
      occupancy: [],
    });
    expect(actions).toEqual([
      { actionName: 'addConnectionToGroup', connectionId: 'c1', group: 'room.a' },
      {
        actionName: 'grantPermission',
        connectionId: 'c1',
        permission: 'sendToGroup',
        targetName: 'typing.a',
      },
      {
        actionName: 'sendToGroup',
        group: 'room.a',
        data: '{"type":"left","room":"a"}',
        dataType: 'json',
      },
      {
        actionName: 'sendToUser',
        userId: 'u1',
        data: '{"type":"left","room":"a"}',
        dataType: 'json',
      },
      {
        actionName: 'sendToConnection',
        connectionId: 'c2',
        data: '{"type":"left","room":"b"}',
        dataType: 'json',
      },
      {
        actionName: 'sendToAll',
        data: '{"type":"left","room":"a"}',
        dataType: 'json',
        excluded: ['c1'],
      },
    ]);
    const first = actions[2] as { data: string };
    const second = actions[3] as { data: string };
    expect(first.data).toBe(second.data);
  });
});

describe('emitEffects', () => {
  it('sets the actions and the occupancy events, and nothing for no effects', () => {
    const context = new InvocationContext();
    emitEffects(context, noEffects());
    expect([
      context.extraOutputs.get(actionsOutput),
      context.extraOutputs.get(occupancyOutput),
    ]).toEqual([undefined, undefined]);
    const occupancy = [
      { name: 'room_occupied' as const, room: 'a', ts: '2026-01-01T00:00:00.000Z' },
    ];
    emitEffects(context, {
      groups: [{ kind: 'remove', connectionId: 'c1', group: 'room.a' }],
      permissions: [{ kind: 'revoke', connectionId: 'c1', group: 'typing.a' }],
      deliveries: [],
      occupancy,
    });
    expect(context.extraOutputs.get(actionsOutput)).toEqual([
      { actionName: 'removeConnectionFromGroup', connectionId: 'c1', group: 'room.a' },
      {
        actionName: 'revokePermission',
        connectionId: 'c1',
        permission: 'sendToGroup',
        targetName: 'typing.a',
      },
    ]);
    expect(context.extraOutputs.get(occupancyOutput)).toEqual(occupancy);
  });
});

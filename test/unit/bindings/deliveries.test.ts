// Effects → output actions: order kept, each payload serialised once, every target mapped.
import { describe, expect, it } from 'vitest';

import { toActions } from '../../../bindings/deliveries';
import { notificationDelivery } from '../../../chat/notifications';

describe('toActions', () => {
  it('puts group changes first, then deliveries in order, sharing one serialised payload', () => {
    const payload = { type: 'message', n: 1 };
    const actions = toActions(
      [{ kind: 'add', connectionId: 'c1', group: 'room.a' }],
      [
        { to: { group: 'room.a' }, payload },
        { to: { user: 'u1' }, payload },
        { to: { connection: 'c2' }, payload: { other: true } },
        { to: { all: true }, payload, excluded: ['c1'] },
      ],
    );
    expect(actions).toEqual([
      { actionName: 'addConnectionToGroup', connectionId: 'c1', group: 'room.a' },
      {
        actionName: 'sendToGroup',
        group: 'room.a',
        data: '{"type":"message","n":1}',
        dataType: 'json',
      },
      {
        actionName: 'sendToUser',
        userId: 'u1',
        data: '{"type":"message","n":1}',
        dataType: 'json',
      },
      {
        actionName: 'sendToConnection',
        connectionId: 'c2',
        data: '{"other":true}',
        dataType: 'json',
      },
      {
        actionName: 'sendToAll',
        data: '{"type":"message","n":1}',
        dataType: 'json',
        excluded: ['c1'],
      },
    ]);
    const first = actions[1] as { data: string };
    const second = actions[2] as { data: string };
    expect(first.data).toBe(second.data);
  });
});

describe('notificationDelivery', () => {
  it('maps user, room and all targets to groups or everyone', () => {
    expect(notificationDelivery({ to: { user: 'u1' }, title: 'Hi' })).toEqual({
      to: { group: 'user.u1' },
      payload: { type: 'notification', title: 'Hi', level: 'info' },
    });
    expect(notificationDelivery({ to: { room: 'a' }, title: 'T', level: 'warning' }).to).toEqual({
      group: 'room.a',
    });
    expect(notificationDelivery({ to: { all: true }, title: 'T' }).to).toEqual({ all: true });
  });

  it('throws on a bad message so the queue retries it and keeps it as poison', () => {
    expect(() => notificationDelivery('not an object')).toThrow('Invalid notification');
    expect(() => notificationDelivery({ to: { room: 'bad room' }, title: 'T' })).toThrow(
      'Invalid notification: to',
    );
  });
});

// Queue notifications → one delivery each; a bad message throws so the queue retries it.
import { describe, expect, it } from 'vitest';

import { notificationDelivery } from '../../../chat/notifications';

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

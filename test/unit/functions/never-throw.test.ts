// The app's functions never throw at the host: a storage outage or an unreachable service is an
// explicit error response, and a `disconnected` that failed is finished once storage is back.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { UserEventRequest } from '../../../bindings';
import { actionsOutput } from '../../../bindings';
import { MemoryHistoryStore } from '../../../chat/history/memory-history-store';
import { MemoryPresenceStore } from '../../../chat/presence/memory-presence-store';
import type { PresenceStore } from '../../../chat/presence/types';
import type { ProfileStore } from '../../../chat/profiles/types';
import { RateLimiter } from '../../../chat/rate-limit';
import { MemoryReadStateStore } from '../../../chat/reads/memory-read-state-store';
import { ChatService } from '../../../chat/service';
import { handleConnect } from '../../../functions/connect';
import { onConnected } from '../../../functions/connected';
import { onDisconnected } from '../../../functions/disconnected';
import { publish } from '../../../functions/publish';
import { retryDisconnects } from '../../../functions/reconcile';
import { roomMembers } from '../../../functions/rooms';
import { useServices } from '../../../functions/shared/app-services';
import { handleUserEvent } from '../../../functions/user-events';
import { memoryServices } from './memory-services';

/** A store whose every call fails while `outage.down` is set. */
function failing<T extends object>(store: T, outage: { down: boolean }): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        outage.down
          ? Promise.reject(new Error('storage unreachable'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

const outage = { down: false };
let presence: PresenceStore;
const context = { connectionId: 'c1', userId: 'ada', eventType: 'User', eventName: 'x', hub: 'h' };
const userEvent = (data: unknown): UserEventRequest => ({
  connectionContext: { ...context, eventType: 'User', states: { name: 'Ada' } },
  data: JSON.stringify(data),
  dataType: 'Json',
});
const system = { connectionContext: { ...context, eventType: 'System' as const } };
const timer = { isPastDue: false, scheduleStatus: undefined } as never;

beforeEach(() => {
  outage.down = false;
  presence = failing(new MemoryPresenceStore(), outage);
  const base = memoryServices();
  useServices({
    chat: new ChatService({
      history: failing(new MemoryHistoryStore(), outage),
      reads: failing(new MemoryReadStateStore(), outage),
      presence,
      limiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }, () => 0),
    }),
    presence,
    profiles: failing(base.profiles, outage) satisfies ProfileStore,
    policy: base.policy,
    get serviceClient() {
      return base.serviceClient;
    },
    liveView: base.liveView,
  });
});
afterEach(() => useServices(undefined));

describe('functions during a storage outage', () => {
  it('answers user events with an Unavailable error reply (with the message id)', async () => {
    outage.down = true;
    const response = await handleUserEvent('message')(
      userEvent({ id: 'm1', to: { room: 'lobby' }, text: 'hi' }),
      new InvocationContext(),
    );
    expect(JSON.parse(response.data)).toMatchObject({
      type: 'error',
      code: 'Unavailable',
      id: 'm1',
    });
  });

  it.each([
    ['edit', { id: 'e1', user: 'bob', target: 1, text: 'x' }],
    ['delete', { id: 'd1', user: 'bob', target: 1 }],
    ['react', { id: 'r1', user: 'bob', target: 1, reaction: 'like', on: true }],
    ['read', { user: 'bob', seq: 1 }],
    ['rooms', {}],
    ['join', { user: 'bob' }],
    ['history', { user: 'bob', before: 5 }],
  ] as const)('answers %s with an Unavailable error reply too', async (event, data) => {
    outage.down = true;
    const response = await handleUserEvent(event)(userEvent(data), new InvocationContext());
    expect(JSON.parse(response.data)).toMatchObject({ type: 'error', code: 'Unavailable' });
  });

  it('refuses connect with an explicit serverError', async () => {
    outage.down = true;
    const response = await handleConnect(
      { connectionContext: { ...context, eventType: 'System' } },
      new InvocationContext(),
    );
    expect(response).toMatchObject({ code: 'serverError' });
  });

  it('answers the HTTP APIs with 503 Unavailable', async () => {
    outage.down = true;
    const members = await roomMembers(
      new HttpRequest({ url: 'http://localhost/x', method: 'GET', params: { room: 'lobby' } }),
    );
    expect([members.status, members.jsonBody]).toMatchObject([
      503,
      { error: { code: 'Unavailable' } },
    ]);
    // The unit services have no Web PubSub client: reaching it fails like an unreachable service.
    const sent = await publish(
      new HttpRequest({
        url: 'http://localhost/api/publish',
        method: 'POST',
        body: { string: JSON.stringify({ to: { all: true }, data: 1 }) },
      }),
    );
    expect(sent.status).toBe(503);
  });

  /** Nothing while storage is down; once it is back, the ghost goes and its departure is announced. */
  async function expectGhostClearedOnceStorageIsBack() {
    const stillDown = new InvocationContext();
    await retryDisconnects(timer, stillDown);
    expect(stillDown.extraOutputs.get(actionsOutput)).toBeUndefined();
    outage.down = false;
    expect(await presence.members('lobby')).toHaveLength(1); // the ghost
    const recovered = new InvocationContext();
    await retryDisconnects(timer, recovered);
    expect(await presence.members('lobby')).toEqual([]);
    expect(recovered.extraOutputs.get(actionsOutput)).toMatchObject([
      { actionName: 'sendToGroup', group: 'room.lobby' },
    ]);
  }

  it('finishes a disconnected that failed once storage is back, announcing the departure', async () => {
    await onConnected(system, new InvocationContext());
    await handleUserEvent('join')(userEvent({ room: 'lobby' }), new InvocationContext());
    outage.down = true;
    await expect(onDisconnected(system, new InvocationContext())).resolves.toBeUndefined();
    await expectGhostClearedOnceStorageIsBack();
  });

  it('after a restart (the list of failed disconnects lost) reconciles at the first tick that reaches storage', async () => {
    await onConnected(system, new InvocationContext());
    await handleUserEvent('join')(userEvent({ room: 'lobby' }), new InvocationContext());
    outage.down = true;
    await onDisconnected(system, new InvocationContext());
    // A new instance: a new ChatService on the same storage, knowing nothing of c1's failed event.
    let asked = 0;
    const base = memoryServices();
    useServices({
      chat: new ChatService({
        history: new MemoryHistoryStore(),
        presence,
        reads: new MemoryReadStateStore(),
        limiter: new RateLimiter({ ratePerSecond: 100, burst: 100 }, () => 0),
      }),
      presence,
      profiles: base.profiles,
      policy: base.policy,
      get serviceClient() {
        return base.serviceClient;
      },
      liveView: {
        userExists: () => Promise.resolve((asked += 1) < 0),
        connectionExists: () => Promise.resolve(false),
      },
    });
    await expectGhostClearedOnceStorageIsBack();
    // Once per instance: later ticks leave the rest to the five-minute reconcile.
    const before = asked;
    await retryDisconnects(timer, new InvocationContext());
    expect(asked).toBe(before);
  });
});

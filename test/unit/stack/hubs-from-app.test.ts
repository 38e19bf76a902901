// The hub settings the stack derives from an app's function list (`GET /admin/functions`): one
// handler per hub, exactly the events registered, `%Setting%` hubs resolved.
import { describe, expect, it } from 'vitest';

import type { ListedFunction } from '../../../packages/stack/src/hubs-from-app';
import { hubsFromApp } from '../../../packages/stack/src/hubs-from-app';

const trigger = (name: string, hub: string | undefined, eventType: string, eventName: string) => ({
  name,
  config: {
    bindings: [
      {
        name: 'req',
        type: 'webPubSubTrigger',
        direction: 'in',
        eventType,
        eventName,
        ...(hub === undefined ? {} : { hub }),
      },
      { name: '$return', type: 'webPubSub', direction: 'out' },
    ],
  },
});
const http: ListedFunction = {
  name: 'negotiate',
  config: { bindings: [{ name: 'req', type: 'httpTrigger', direction: 'in' }] },
};
const settings: Record<string, string> = { WebPubSubHub: 'chat', OtherHub: 'devices' };
const setting = (name: string) => settings[name];
const URL = 'http://localhost:7071/runtime/webhooks/webpubsub?code=k';

describe('hubsFromApp', () => {
  it('gives each hub one handler with exactly its system events and user event names', () => {
    const hubs = hubsFromApp(
      [
        http,
        trigger('connect', '%WebPubSubHub%', 'system', 'connect'),
        trigger('message', '%WebPubSubHub%', 'user', 'message'),
        trigger('join', 'chat', 'user', 'join'),
        trigger('telemetry', '%OtherHub%', 'user', 'telemetry'),
        trigger('gone', '%OtherHub%', 'system', 'disconnected'),
      ],
      setting,
      URL,
    );
    expect(hubs).toEqual({
      chat: {
        eventHandlers: [
          { urlTemplate: URL, userEventPattern: 'message,join', systemEvents: ['connect'] },
        ],
      },
      devices: {
        eventHandlers: [
          { urlTemplate: URL, userEventPattern: 'telemetry', systemEvents: ['disconnected'] },
        ],
      },
    });
  });

  it('uses the WebPubSubHub setting when a trigger names no hub, and `*` when the app handles `*`', () => {
    const hubs = hubsFromApp(
      [trigger('any', undefined, 'user', '*'), trigger('echo', undefined, 'user', 'echo')],
      setting,
      URL,
    );
    expect(hubs.chat?.eventHandlers?.[0]).toMatchObject({
      userEventPattern: '*',
      systemEvents: [],
    });
  });

  it('leaves out a handler with no user events, a hub whose setting is missing, and non-triggers', () => {
    const hubs = hubsFromApp(
      [http, trigger('c', 'chat', 'system', 'connected'), trigger('x', '%Missing%', 'user', 'x')],
      setting,
      URL,
    );
    expect(hubs).toEqual({
      chat: { eventHandlers: [{ urlTemplate: URL, systemEvents: ['connected'] }] },
    });
  });
});

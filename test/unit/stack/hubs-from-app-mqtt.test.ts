// MQTT client triggers (`clientProtocols: 'mqtt'`, the Web PubSub extension 1.8.0+) need no hub
// settings of their own: the service sends MQTT clients' events to the same event handler, so the
// stack derives one handler with the union of both protocols' events.
import { describe, expect, it } from 'vitest';

import { hubsFromApp } from '../../../packages/stack/src/hubs-from-app';

const trigger = (name: string, eventName: string, clientProtocols?: string) => ({
  name,
  config: {
    bindings: [
      {
        name: 'request',
        type: 'webPubSubTrigger',
        direction: 'in',
        hub: 'iot',
        eventType: 'system',
        eventName,
        ...(clientProtocols ? { clientProtocols } : {}),
      },
    ],
  },
});

describe('hubsFromApp with MQTT triggers', () => {
  it('gives the hub one handler for the system events of every protocol', () => {
    const hubs = hubsFromApp(
      [
        trigger('connectDevice', 'connect', 'mqtt'),
        trigger('connectDashboard', 'connect', 'webPubSub'),
        trigger('deviceConnected', 'connected', 'mqtt'),
        trigger('deviceDisconnected', 'disconnected', 'mqtt'),
      ],
      () => undefined,
      'http://host/runtime/webhooks/webpubsub',
    );
    expect(hubs).toEqual({
      iot: {
        eventHandlers: [
          {
            urlTemplate: 'http://host/runtime/webhooks/webpubsub',
            systemEvents: ['connect', 'connected', 'disconnected'],
          },
        ],
      },
    });
  });
});

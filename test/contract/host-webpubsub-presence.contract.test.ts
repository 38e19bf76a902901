// Group presence events (`azure.webpubsub.gp.joined` / `.left`) and the Functions extension.
// Microsoft.Azure.WebJobs.Extensions.WebPubSub (1.10.2; Azure/azure-sdk-for-net sdk/webpubsub/
// Microsoft.Azure.WebJobs.Extensions.WebPubSub/src/Utilities.cs GetEventType, Trigger/
// WebPubSubTriggerDispatcher.cs) has no presence trigger: a CloudEvents type that does not start
// with `azure.webpubsub.sys.` is a user event, so a presence event reaches a *user* trigger of its
// name (`joined`, `left`) with its JSON body as the data, and without one it is answered 404. The
// offline host does the same and invents no joined/left trigger.
import { serviceClient, stopAllClients } from '@wps-local/test-kit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import type { LogEntry } from '../setup/wps-host';
import { useWpsStack } from '../setup/wps-host';
import { openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const stack = useWpsStack();
afterEach(() => stopAllClients());

beforeAll(() => {
  stack.emulator().configureHub('chat', {
    eventHandlers: [
      {
        urlTemplate: stack.webhook(),
        userEventPattern: '*',
        systemEvents: ['connect', 'connected', 'disconnected'],
        groupPresenceEvents: { eventNames: ['joined', 'left'] },
      },
    ],
  });
});

describe('group presence through the offline host', () => {
  it('runs a user trigger named joined with the event body as its data', async () => {
    const userId = uniqueName('u');
    const room = uniqueName('room');
    const { url } = await stack.negotiate(`wps/negotiate?userId=${userId}`);
    const client = await openClient(url, JSON_V1);
    const hello = await client.next((f) => f.type === 'system');
    const connectionId = hello.connectionId as string;
    await serviceClient(stack.emulator().connectionString, 'chat')
      .group(room)
      .addConnection(connectionId);
    let joined: LogEntry | undefined;
    await eventually(async () => {
      joined = (await stack.log(connectionId)).find((e) => e.event === 'joined');
      return joined !== undefined;
    }, 'the joined function');
    expect(joined).toMatchObject({ connectionId, userId });
    const request = joined!.request as { connectionContext: unknown; data: string };
    expect(request.connectionContext).toMatchObject({
      eventType: 'User',
      eventName: 'joined',
      connectionId,
      userId,
    });
    expect(request).toMatchObject({ dataType: 'Json' });
    expect(JSON.parse(request.data)).toEqual({ group: room });
    client.ws.close();
  });

  it('answers 404 to a presence event no function is registered for, as the extension does', async () => {
    const res = await stack.post({
      event: 'left',
      headers: { 'ce-type': 'azure.webpubsub.gp.left' },
      contentType: 'application/json',
      body: JSON.stringify({ group: 'room' }),
    });
    expect(res.status).toBe(404);
  });
});

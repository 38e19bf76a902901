// Identity-based connections (Web PubSub extension 1.10.0+, bundle 4.33.0+): the app sets
// `WebPubSubConnectionString__serviceUri` instead of a connection string, as in Azure with a
// managed identity. Offline, a loopback serviceUri is the emulator, called with its well-known
// key; the webhook checks no signature for an identity-based connection, as the extension's
// RequestValidator (src/Config/RequestValidator.cs) skips it when the access has no key.
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useWpsStack } from '../setup/wps-host';
import { openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const stack = useWpsStack((emulator) => ({
  // The serviceUri form alone: the connection string useWpsStack sets is blanked.
  WebPubSubConnectionString: '',
  WebPubSubConnectionString__serviceUri: emulator.url,
}));
afterEach(() => stopAllClients());

describe('an identity-based connection to the emulator', () => {
  it('negotiates, takes the connect event and runs output actions with only a serviceUri', async () => {
    const { url } = await stack.negotiate(`wps/negotiate?userId=${uniqueName('id')}`);
    const client = await openClient(url, JSON_V1);
    const hello = await client.next((f) => f.type === 'system');
    const connectionId = hello.connectionId as string;
    client.sendJson({
      type: 'event',
      event: 'run',
      dataType: 'json',
      data: { actionName: 'sendToConnection', connectionId, data: 'through an identity' },
      ackId: 1,
    });
    expect(await client.next((f) => f.type === 'message')).toMatchObject({
      from: 'server',
      data: 'through an identity',
    });
    client.ws.close();
  });
});

// A connect or user-event function that throws, seen by clients through the emulator: the
// extension never answers the call (WebPubSubTriggerDispatcher.ExecuteAsync in azure-sdk-for-net,
// sdk/webpubsub/Microsoft.Azure.WebJobs.Extensions.WebPubSub/src/Trigger, awaits a return value a
// failed function never sets), so the service's upstream timeout decides what the client sees.
// The emulator's timeout is shortened here so the test does not wait the service's 100 s.
import { recordClient, stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useWpsStack } from '../setup/wps-host';
import { expectRefused, openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const stack = useWpsStack({}, { upstreamTimeoutMs: 1_000 });
afterEach(() => stopAllClients());

const clientUrl = async (userId: string, extra = '') =>
  `${(await stack.negotiate(`wps/negotiate?userId=${userId}`)).url}${extra}`;

describe('a connect function that throws', () => {
  it('fails the official client once the service gives up, and the host says why', async () => {
    const userId = uniqueName('thrown');
    const rc = recordClient(() => clientUrl(userId, '&throw=boom'), {
      reconnectRetryOptions: { maxRetries: 0 },
    });
    await expect(rc.client.start()).rejects.toThrow();
    expect(stack.host().output()).toContain(
      'the function threw (Exception while executing function: Functions.wpsConnect. connect refused by a throw: boom); as in Azure, this call is never answered',
    );
    expect(stack.host().output()).toContain('the connection is refused once the service gives up');
  });

  it('refuses the raw handshake with the status the emulator gives a timed-out connect', async () => {
    expect(await expectRefused(await clientUrl(uniqueName('raw'), '&throw=boom'), JSON_V1)).toBe(
      500,
    );
  });
});

describe('a user-event function that throws', () => {
  it('acks the event with an error once the service gives up', async () => {
    const client = await openClient(await clientUrl(uniqueName('u')), JSON_V1);
    await client.next((f) => f.type === 'system');
    client.sendJson({ type: 'event', event: 'mirror', dataType: 'text', data: 'throw', ackId: 9 });
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({
      ackId: 9,
      success: false,
      error: { name: 'InternalServerError' },
    });
    client.ws.close();
  });
});

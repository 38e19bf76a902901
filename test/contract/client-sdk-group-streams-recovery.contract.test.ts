// A group stream's writer whose reliable connection drops mid-stream. The client spec (Azure/
// azure-webpubsub protocols/client/client-spec.md 3.6.6.3) has the client pause its streams while it
// recovers, resend what was not acknowledged once recovered, and fail every stream when it must
// start a new connection, stream state being scoped to the connection. @azure/web-pubsub-client 1.1
// (webPubSubClient.js) resumes its paused streams when it reads a `connected` message, which the
// spec (1.2.4) lets the service send after a recovery: so the emulator sends it, before the replay.
import type { GroupStream } from '@azure/web-pubsub-client';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import type { SdkSuite } from '../setup/sdk-suite';
import { useSdkSuite } from '../setup/sdk-suite';
import { openClient } from '../setup/ws-client';

const ROLES = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
const RELIABLE = 'json.reliable.webpubsub.azure.v1';

async function drain(stream: GroupStream): Promise<{ data: unknown[]; error?: unknown }> {
  const data: unknown[] = [];
  try {
    for await (const fragment of stream) data.push(fragment.data);
    return { data };
  } catch (error) {
    return { data, error };
  }
}

/** A writer behind the proxy, a reader connected directly that follows `group`'s streams. */
async function writerAndReader(sdk: SdkSuite, group: string) {
  const writer = sdk.proxiedClient({ userId: uniqueName('w'), roles: ROLES });
  const reader = sdk.client({ userId: uniqueName('r'), roles: ROLES });
  const writerId = await writer.start();
  await reader.start();
  await reader.client.joinGroup(group);
  const streams: Promise<{ data: unknown[]; error?: unknown }>[] = [];
  reader.client.onGroupStream((s) => void streams.push(drain(s)), { groupNames: [group] });
  const fragments = () =>
    reader.messages.filter((m) => (m as { stream?: unknown }).stream !== undefined);
  return { writer, writerId, reader, streams, fragments };
}

describe('@azure/web-pubsub-client: a group stream whose writer recovers', () => {
  const sdk = useSdkSuite({ proxy: true });

  it('resumes the stream after a recovery: members get every fragment once, in order', async () => {
    const group = uniqueName('g');
    const { writer, writerId, reader, streams, fragments } = await writerAndReader(sdk, group);
    const out = await writer.client.openGroupStream(group, { streamId: 'live' });
    const errors: unknown[] = [];
    out.onError((e) => errors.push(e));
    await out.write('a', 'text');
    await out.write('b', 'text');
    await reader.until(() => fragments().length >= 2, 'the first two fragments');

    sdk.proxy.hold(); // the writer is offline until release()
    await sdk.proxy.cut();
    const offline = [out.write('c', 'text'), out.write('d', 'text')];
    sdk.proxy.release();
    await Promise.all(offline);
    await out.write('e', 'text');
    await out.end();

    await eventually(() => streams.length === 1, 'the inbound stream');
    expect(await streams[0]).toEqual({ data: ['a', 'b', 'c', 'd', 'e'] });
    expect(fragments().map((m) => (m as { stream?: unknown }).stream)).toEqual([
      { streamId: 'live', streamSequenceId: 1 },
      { streamId: 'live', streamSequenceId: 2 },
      { streamId: 'live', streamSequenceId: 3 },
      { streamId: 'live', streamSequenceId: 4 },
      { streamId: 'live', streamSequenceId: 5 },
      { streamId: 'live', streamSequenceId: 6, endOfStream: true },
    ]);
    expect(errors).toEqual([]);
    // The same connection all along, and no second `connected` event for the application.
    expect(writer.connected).toEqual([{ connectionId: writerId, userId: expect.any(String) }]);
    expect(await sdk.service().connectionExists(writerId)).toBe(true);
  });
});

describe('@azure/web-pubsub-client: a group stream whose writer cannot recover', () => {
  // A short recovery window, so that the abandoned connection ends (and its stream) in the test.
  const sdk = useSdkSuite({ proxy: true, emulator: { recoveryWindowMs: 1000 } });

  it('fails the stream when the connection cannot be recovered; members read Cancelled', async () => {
    // A forged reconnection token: the recovery is refused with 1008 and the SDK connects anew.
    sdk.proxy.rewriteRequestLine((line) =>
      line.replace(/awps_reconnection_token=[^&\s]*/, 'awps_reconnection_token=forged'),
    );
    const group = uniqueName('g');
    const { writer, writerId, reader, streams, fragments } = await writerAndReader(sdk, group);
    const out = await writer.client.openGroupStream(group);
    const errors: unknown[] = [];
    out.onError((e) => errors.push(e));
    await out.write('only', 'text');
    await reader.until(() => fragments().length >= 1, 'the fragment');
    await sdk.proxy.cut();

    await writer.until(() => writer.connected[1], 'a new connection');
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'Stream session aborted because the connection cannot be recovered.',
      }),
    ]);
    await expect(out.write('late', 'text')).rejects.toThrow(/is completed/);
    // The old connection ends when its recovery window (1 s here) runs out; its stream with it.
    await eventually(() => streams.length === 1, 'the inbound stream', 10_000);
    expect(await streams[0]).toEqual({
      data: ['only'],
      error: { name: 'Cancelled', message: 'The writer of the stream disconnected.' },
    });
    expect(await sdk.service().connectionExists(writerId)).toBe(false);
  });
});

describe('group stream frames across a recovery', () => {
  const sdk = useSdkSuite();

  it('says `connected` again after a recovery, then takes the stream where it stood', async () => {
    const group = uniqueName('g');
    const svc = sdk.service();
    const member = await openClient(
      (await svc.getClientAccessToken({ userId: uniqueName('m'), roles: ROLES })).url,
      RELIABLE,
    );
    await member.next((f) => f.type === 'system');
    member.sendJson({ type: 'joinGroup', group, ackId: 1 });
    await member.next((f) => f.type === 'ack');

    const { url } = await svc.getClientAccessToken({ userId: uniqueName('w'), roles: ROLES });
    const first = await openClient(url, RELIABLE);
    const connected = await first.next((f) => f.type === 'system');
    first.sendJson({ type: 'sendToGroup', group, stream: { streamId: 'z' } });
    await first.next((f) => f.type === 'streamAck');
    const fragment = { type: 'streamData', streamId: 'z', dataType: 'text' };
    first.sendJson({ ...fragment, streamSequenceId: 1, data: 'one' });
    expect(await first.next((f) => f.type === 'streamAck')).toMatchObject({
      expectedSequenceId: 2,
    });
    first.ws.terminate(); // no close frame: 1006, the connection waits for its recovery

    const back = await openClient(
      `${url}&awps_connection_id=${encodeURIComponent(String(connected.connectionId))}` +
        `&awps_reconnection_token=${encodeURIComponent(String(connected.reconnectionToken))}`,
      RELIABLE,
    );
    expect(await back.next()).toEqual(connected);
    back.sendJson({ ...fragment, streamSequenceId: 1, data: 'one, resent' });
    expect(await back.next((f) => f.type === 'streamAck')).toMatchObject({
      expectedSequenceId: 2,
    });
    back.sendJson({ ...fragment, streamSequenceId: 2, data: 'two' });
    expect(await back.next((f) => f.type === 'streamAck')).toMatchObject({
      expectedSequenceId: 3,
    });
    const got = [
      await member.next((f) => f.type === 'message'),
      await member.next((f) => f.type === 'message'),
    ];
    expect(got.map((m) => [m.data, m.stream])).toEqual([
      ['one', { streamId: 'z', streamSequenceId: 1 }],
      ['two', { streamId: 'z', streamSequenceId: 2 }],
    ]);
    back.ws.close();
    member.ws.close();
  });
});

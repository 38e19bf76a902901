// The official client SDK against the emulator: joinGroup/leaveGroup, sendToGroup with every data
// type, noEcho and fireAndForget, acks (Forbidden, Duplicate), and group messages sent over REST.
import type { GenerateClientTokenOptions } from '@azure/web-pubsub';
import type { SendMessageError, WebPubSubClientOptions } from '@azure/web-pubsub-client';
import { payloads } from '@wps-local/test-kit';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useSdkSuite } from '../setup/sdk-suite';

const MEMBER = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
/** Failures are asserted, not retried (the SDK retries failed sends 3 times, 1 s apart). */
const NO_RETRY: WebPubSubClientOptions = { messageRetryOptions: { maxRetries: 0 } };

describe('@azure/web-pubsub-client: groups', () => {
  const sdk = useSdkSuite();
  const { service } = sdk;

  async function started(token: GenerateClientTokenOptions, options?: WebPubSubClientOptions) {
    const rc = sdk.client(token, options);
    const connectionId = await rc.start();
    return { rc, connectionId };
  }

  it('joins a group, receives its messages with the sender, and stops receiving after leaving', async () => {
    const group = uniqueName('room');
    const bobId = uniqueName('bob');
    const alice = await started({ userId: uniqueName('alice'), roles: MEMBER });
    const bob = await started({ userId: bobId, roles: MEMBER });
    const joined = await alice.rc.client.joinGroup(group);
    expect(joined).toEqual({ ackId: expect.any(Number), isDuplicated: false });

    await bob.rc.client.sendToGroup(group, 'hi', 'text');
    const message = await alice.rc.until(() => alice.rc.messages[0], 'the group message');
    expect(message).toEqual({
      kind: 'groupData',
      type: 'message',
      from: 'group',
      group,
      fromUserId: bobId,
      dataType: 'text',
      data: 'hi',
      sequenceId: 1,
    });

    expect(await alice.rc.client.leaveGroup(group)).toMatchObject({ isDuplicated: false });
    await bob.rc.client.sendToGroup(group, 'after leaving', 'text');
    // REST after the acked group send: had the group send reached alice, it would come first.
    await service().sendToConnection(alice.connectionId, 'marker', { contentType: 'text/plain' });
    await alice.rc.until(() => alice.rc.messages.length >= 2, 'the marker');
    expect(payloads(alice.rc.messages)).toEqual(['hi', 'marker']);
    expect(bob.rc.messages).toEqual([]);
  });

  it('publishes text, json and binary with acks; noEcho skips only the sender', async () => {
    const group = uniqueName('room');
    const a = await started({ userId: uniqueName('a'), roles: MEMBER });
    const b = await started({ userId: uniqueName('b'), roles: MEMBER });
    await a.rc.client.joinGroup(group);
    await b.rc.client.joinGroup(group);
    const bytes = new Uint8Array([0, 1, 2, 250, 255]).buffer;
    const results = [
      await a.rc.client.sendToGroup(group, 'plain text', 'text'),
      await a.rc.client.sendToGroup(group, { nested: { list: [1, 2] }, ok: true }, 'json'),
      await a.rc.client.sendToGroup(group, bytes, 'binary'),
      await a.rc.client.sendToGroup(group, 'no echo', 'text', { noEcho: true }),
      await a.rc.client.sendToGroup(group, 'last', 'text'),
    ];
    for (const r of results) expect(r).toEqual({ ackId: expect.any(Number), isDuplicated: false });
    expect(new Set(results.map((r) => r.ackId)).size).toBe(5);

    await a.rc.until(() => a.rc.messages.length >= 4, "a's 4 messages");
    await b.rc.until(() => b.rc.messages.length >= 5, "b's 5 messages");
    const echoed = ['plain text', { nested: { list: [1, 2] }, ok: true }, 'bin:000102faff'];
    expect(payloads(a.rc.messages)).toEqual([...echoed, 'last']);
    expect(payloads(b.rc.messages)).toEqual([...echoed, 'no echo', 'last']);
    expect(b.rc.messages.map((m) => m.dataType)).toEqual([
      'text',
      'json',
      'binary',
      'text',
      'text',
    ]);
    expect(b.rc.messages.map((m) => m.sequenceId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends fire-and-forget messages without an ack', async () => {
    const group = uniqueName('room');
    const a = await started({ userId: uniqueName('a'), roles: MEMBER });
    await a.rc.client.joinGroup(group);
    const result = await a.rc.client.sendToGroup(group, { n: 1 }, 'json', { fireAndForget: true });
    expect(result).toEqual({ isDuplicated: false });
    const message = await a.rc.until(() => a.rc.messages[0], 'the message');
    expect(message).toMatchObject({ group, dataType: 'json', data: { n: 1 } });
  });

  it('rejects group operations without permission with a Forbidden ack', async () => {
    const group = uniqueName('room');
    const own = uniqueName('own');
    const a = await started(
      { userId: uniqueName('a'), roles: [`webpubsub.joinLeaveGroup.${own}`] },
      NO_RETRY,
    );
    for (const attempt of [
      () => a.rc.client.joinGroup(group),
      () => a.rc.client.sendToGroup(group, 'x', 'text'),
    ]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      // By name: the test kit's clients come from the SDK's CommonJS build, this file imports its ESM one.
      expect(error).toMatchObject({ name: 'SendMessageError' });
      expect((error as SendMessageError).errorDetail).toMatchObject({ name: 'Forbidden' });
    }
    expect(await a.rc.client.joinGroup(own)).toMatchObject({ isDuplicated: false });
  });

  it('answers a reused ackId as a duplicate, which the SDK reports as isDuplicated', async () => {
    const group = uniqueName('room');
    const a = await started({ userId: uniqueName('a'), roles: MEMBER });
    expect(await a.rc.client.joinGroup(group, { ackId: 4242 })).toEqual({
      ackId: 4242,
      isDuplicated: false,
    });
    expect(await a.rc.client.joinGroup(group, { ackId: 4242 })).toEqual({
      ackId: 4242,
      isDuplicated: true,
    });
  });

  // KNOWN EMULATOR BUG (packages/emulator/src/rest/send.ts, sendToGroup): REST group sends go out as
  // `from: "server"`, so the SDK raises `server-message`. The service (and Microsoft's emulator)
  // send `from: "group"` with the group name. Remove `.fails` once send.ts is fixed.
  it('delivers REST group sends to members as group messages', async () => {
    const group = uniqueName('room');
    const a = await started({ userId: uniqueName('a'), roles: MEMBER });
    await a.rc.client.joinGroup(group);
    await service().group(group).sendToAll('from the app', { contentType: 'text/plain' });
    const message = await a.rc.until(() => a.rc.messages[0], 'the group message');
    expect(message).toMatchObject({
      kind: 'groupData',
      group,
      dataType: 'text',
      data: 'from the app',
      sequenceId: 1,
    });
  });
});

// Group streams through the official client SDK (openGroupStream / onGroupStream, 1.1): ordered
// fragments to every member with their stream info, end, abort, permission refused, writer
// disconnected, idle timeout; and the exact frames on the wire. Error names, the end frame and the
// default idle time: Azure/azure-webpubsub protocols/client/client-spec.md 3.6 and MicrosoftDocs/
// azure-docs articles/azure-web-pubsub/reference-json-reliable-webpubsub-subprotocol.md (streaming).
import type { GroupStream } from '@azure/web-pubsub-client';
import { describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import { useSdkSuite } from '../setup/sdk-suite';
import { openClient } from '../setup/ws-client';

const ROLES = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];

/** Collects one inbound stream: its fragments' data, and how it ended. */
async function drain(stream: GroupStream): Promise<{ data: unknown[]; error?: unknown }> {
  const data: unknown[] = [];
  try {
    for await (const fragment of stream) data.push(fragment.data);
    return { data };
  } catch (error) {
    return { data, error };
  }
}

describe('@azure/web-pubsub-client: group streams', () => {
  const sdk = useSdkSuite();

  async function pair(group: string) {
    const writer = sdk.client({ userId: uniqueName('w'), roles: ROLES });
    const reader = sdk.client({ userId: uniqueName('r'), roles: ROLES });
    await writer.start();
    await reader.start();
    await reader.client.joinGroup(group);
    const streams: Promise<{ data: unknown[]; error?: unknown }>[] = [];
    reader.client.onGroupStream((s) => void streams.push(drain(s)), { groupNames: [group] });
    return { writer, reader, streams };
  }

  it('delivers ordered fragments to members, then the end', async () => {
    const group = uniqueName('g');
    const { writer, reader, streams } = await pair(group);
    const out = await writer.client.openGroupStream(group, { streamId: 's1' });
    for (let i = 1; i <= 5; i++) await out.write(`part ${i}`, 'text');
    await out.write({ n: 6 }, 'json');
    await out.end();
    await eventually(() => streams.length === 1, 'the inbound stream');
    expect(await streams[0]).toEqual({
      data: ['part 1', 'part 2', 'part 3', 'part 4', 'part 5', { n: 6 }],
    });
    // Fragments are group messages too, each with its stream info.
    const infos = reader.messages
      .filter((m) => m.kind === 'groupData')
      .map((m) => (m as { stream?: unknown }).stream);
    expect(infos[0]).toEqual({ streamId: 's1', streamSequenceId: 1 });
    expect(infos.at(-1)).toEqual({ streamId: 's1', streamSequenceId: 7, endOfStream: true });
  });

  it('ends the stream for members with the error when the writer aborts', async () => {
    const group = uniqueName('g');
    const { writer, streams } = await pair(group);
    const out = await writer.client.openGroupStream(group);
    await out.write('a', 'text');
    const errors: unknown[] = [];
    out.onError((e) => errors.push(e));
    await out.abort({ message: 'changed my mind', userErrorCode: 'E42' });
    await eventually(() => streams.length === 1, 'the inbound stream');
    // Members read the writer's error as a UserError (spec 3.6.3.2); the writer, who asked for it,
    // gets a streamClosed without error, so its error listeners stay quiet.
    expect(await streams[0]).toEqual({
      data: ['a'],
      error: { name: 'UserError', message: 'changed my mind', userErrorCode: 'E42' },
    });
    expect(errors).toEqual([]);
  });

  it('refuses to open a stream without the send permission', async () => {
    const group = uniqueName('g');
    const writer = sdk.client({ userId: uniqueName('w') });
    await writer.start();
    await expect(writer.client.openGroupStream(group)).rejects.toMatchObject({
      name: 'Forbidden',
      message: `The connection has no permission to sendToGroup '${group}'.`,
    });
  });

  it('ends a stream as Cancelled for members when its writer goes away', async () => {
    const group = uniqueName('g');
    const { writer, streams } = await pair(group);
    const out = await writer.client.openGroupStream(group);
    await out.write('only', 'text');
    writer.client.stop();
    await eventually(() => streams.length === 1, 'the inbound stream');
    expect(await streams[0]).toEqual({
      data: ['only'],
      error: { name: 'Cancelled', message: 'The writer of the stream disconnected.' },
    });
  });
});

describe('group stream frames', () => {
  const sdk = useSdkSuite();

  async function raw(roles = ROLES) {
    const { url } = await sdk.service().getClientAccessToken({ userId: uniqueName('u'), roles });
    const client = await openClient(url, 'json.reliable.webpubsub.azure.v1');
    await client.next((f) => f.type === 'system');
    return client;
  }

  it('acks the start and each fragment, nacks a gap, and closes an idle stream', async () => {
    const group = uniqueName('g');
    const member = await raw();
    member.sendJson({ type: 'joinGroup', group, ackId: 1 });
    await member.next((f) => f.type === 'ack');
    const w = await raw();
    w.sendJson({ type: 'sendToGroup', group, stream: { streamId: 'x', idleTimeoutMs: 300 } });
    expect(await w.next((f) => f.type === 'streamAck')).toEqual({
      type: 'streamAck',
      streamId: 'x',
      expectedSequenceId: 1,
    });
    w.sendJson({
      type: 'streamData',
      streamId: 'x',
      streamSequenceId: 1,
      dataType: 'text',
      data: 'hi',
    });
    expect(await w.next((f) => f.type === 'streamAck')).toMatchObject({ expectedSequenceId: 2 });
    expect(await member.next((f) => f.type === 'message')).toEqual({
      type: 'message',
      from: 'group',
      group,
      fromUserId: expect.any(String),
      dataType: 'text',
      data: 'hi',
      stream: { streamId: 'x', streamSequenceId: 1 },
      sequenceId: expect.any(Number),
    });
    w.sendJson({
      type: 'streamData',
      streamId: 'x',
      streamSequenceId: 3,
      dataType: 'text',
      data: 'gap',
    });
    expect(await w.next((f) => f.type === 'streamNack')).toEqual({
      type: 'streamNack',
      streamId: 'x',
      name: 'InvalidSequenceId',
      message: 'Expected fragment 2, got 3.',
      expectedSequenceId: 2,
    });
    // Nothing more: after 300 ms the stream is closed, for the writer and the members.
    expect(await w.next((f) => f.type === 'streamClosed', 3000)).toEqual({
      type: 'streamClosed',
      streamId: 'x',
      error: { name: 'IdleTimeout', message: 'No stream traffic for 300 ms.' },
    });
    expect(await member.next((f) => f.type === 'message')).toMatchObject({
      dataType: 'json',
      stream: {
        streamId: 'x',
        streamSequenceId: 2,
        endOfStream: true,
        error: { name: 'IdleTimeout' },
      },
    });
    w.sendJson({
      type: 'streamData',
      streamId: 'x',
      streamSequenceId: 2,
      dataType: 'text',
      data: 'late',
    });
    expect(await w.next((f) => f.type === 'streamClosed')).toEqual({
      type: 'streamClosed',
      streamId: 'x',
      error: { name: 'StreamNotFound', message: "Stream 'x' is not open." },
    });
    void TEST_HUB;
    w.ws.close();
    member.ws.close();
  });

  it('re-acks a resent fragment without delivering it twice; an end is answered streamClosed', async () => {
    const group = uniqueName('g');
    const member = await raw();
    member.sendJson({ type: 'joinGroup', group, ackId: 1 });
    await member.next((f) => f.type === 'ack');
    const w = await raw();
    w.sendJson({ type: 'sendToGroup', group, stream: { streamId: 'y' } });
    await w.next((f) => f.type === 'streamAck');
    const one = { type: 'streamData', streamId: 'y', streamSequenceId: 1, dataType: 'text' };
    w.sendJson({ ...one, data: 'first' });
    expect(await w.next((f) => f.type === 'streamAck')).toMatchObject({ expectedSequenceId: 2 });
    w.sendJson({ ...one, data: 'first, again' });
    expect(await w.next((f) => f.type === 'streamAck')).toMatchObject({ expectedSequenceId: 2 });
    // A second start of an open stream is refused; the stream carries on.
    w.sendJson({ type: 'sendToGroup', group, stream: { streamId: 'y' } });
    expect(await w.next((f) => f.type === 'streamClosed')).toEqual({
      type: 'streamClosed',
      streamId: 'y',
      error: { name: 'BadRequest', message: "Stream 'y' is already open." },
    });
    w.sendJson({ type: 'streamEnd', streamId: 'y' });
    // A normal end: streamClosed without an error (reference: "omitted when closed normally").
    expect(await w.next((f) => f.type === 'streamClosed')).toEqual({
      type: 'streamClosed',
      streamId: 'y',
    });
    const first = await member.next((f) => f.type === 'message');
    const last = await member.next((f) => f.type === 'message');
    expect([first.data, first.stream]).toEqual(['first', { streamId: 'y', streamSequenceId: 1 }]);
    expect(last.stream).toEqual({ streamId: 'y', streamSequenceId: 2, endOfStream: true });
    w.ws.close();
    member.ws.close();
  });
});

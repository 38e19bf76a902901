// Unit tests of the protobuf wire form: spliced data frames are byte-identical to a whole-message
// encode, control messages decode as the spec says, and upstream frames validate like JSON ones.
import { describe, expect, it } from 'vitest';

import { jsonCodec } from '../../../../packages/emulator/src/ws/codecs/json';
import { protobufCodec } from '../../../../packages/emulator/src/ws/codecs/protobuf';
import { protobufReliableCodec } from '../../../../packages/emulator/src/ws/codecs/protobuf-reliable';
import { PreparedMessage } from '../../../../packages/emulator/src/ws/outbound';
import { encodeControl as encodeControlFrame } from '../../../../packages/emulator/src/ws/protobuf-codec';
import { parseProtobufFrame } from '../../../../packages/emulator/src/ws/protobuf-frames';
import {
  AnyMessage,
  decodeDown,
  DownstreamMessage,
  encodeUp,
} from '../../../setup/protobuf-client';

const encodeControl = (m: Parameters<typeof encodeControlFrame>[0]): Buffer =>
  encodeControlFrame(m)!;

const group = { from: 'group' as const, group: 'room', fromUserId: 'alice' };

describe('protobuf data frames', () => {
  it.each([
    ['text', { dataType: 'text' as const, bytes: Buffer.from('hi') }, { text_data: 'hi' }],
    ['json', { dataType: 'json' as const, bytes: Buffer.from('[1]') }, { json_data: '[1]' }],
    [
      'binary',
      { dataType: 'binary' as const, bytes: Buffer.from([1, 2]) },
      { binary_data: Buffer.from([1, 2]) },
    ],
  ])(
    'encodes %s data with and without a sequence id exactly as a whole message',
    (_t, data, md) => {
      const msg = new PreparedMessage({ ...data, metadata: { k: 'v' } }, group);
      const whole = (extra: object) =>
        Buffer.from(
          DownstreamMessage.encode({
            data_message: {
              from: 'group',
              group: 'room',
              data: md,
              ...extra,
              metadata: { k: 'v' },
            },
          }).finish(),
        );
      expect(protobufCodec.encodeData(msg)).toEqual(whole({}));
      expect(protobufReliableCodec.encodeData(msg, 1)).toEqual(whole({ sequence_id: 1 }));
      expect(protobufReliableCodec.encodeData(msg, 2 ** 40)).toEqual(
        whole({ sequence_id: 2 ** 40 }),
      );
      // The body is encoded once and reused by every frame.
      expect(protobufCodec.encodeData(msg)).toBe(protobufCodec.encodeData(msg));
    },
  );

  it('carries a google.protobuf.Any natively, server messages without a group', () => {
    const any = { type_url: 'type.googleapis.com/x.Y', value: Buffer.from([8, 1]) };
    const bytes = Buffer.from(AnyMessage.encode(any).finish());
    const msg = new PreparedMessage({ dataType: 'protobuf', bytes }, { from: 'server' });
    const decoded = decodeDown(protobufReliableCodec.encodeData(msg, 7)).data_message;
    expect(decoded).toMatchObject({ from: 'server', sequence_id: 7 });
    expect(decoded).not.toHaveProperty('group');
    expect(decoded.data.protobuf_data.type_url).toBe(any.type_url);
    // JSON recipients get the same Any as base64, raw ones as a binary frame.
    expect(JSON.parse(jsonCodec.encodeData(msg).toString())).toMatchObject({
      dataType: 'protobuf',
      data: bytes.toString('base64'),
    });
    expect(msg.rawIsBinary).toBe(true);
  });
});

describe('protobuf control messages', () => {
  it('encodes acks, pong, connected and disconnected', () => {
    expect(decodeDown(encodeControl({ type: 'ack', ackId: 3, success: true }))).toMatchObject({
      message: 'ack_message',
      ack_message: { ack_id: 3, success: true },
    });
    const failed = encodeControl({
      type: 'ack',
      ackId: 4,
      success: false,
      error: { name: 'Forbidden', message: 'no' },
    });
    expect(decodeDown(failed).ack_message.error).toEqual({ name: 'Forbidden', message: 'no' });
    expect(decodeDown(encodeControl({ type: 'pong' })).message).toBe('pong_message');
    const connected = encodeControl({
      type: 'system',
      event: 'connected',
      userId: null,
      connectionId: 'c1',
      reconnectionToken: 't',
    });
    expect(decodeDown(connected).system_message.connected_message).toEqual({
      connection_id: 'c1',
      user_id: '',
      reconnection_token: 't',
    });
    const bye = encodeControl({ type: 'system', event: 'disconnected', message: 'bye' });
    expect(decodeDown(bye).system_message.disconnected_message).toEqual({ reason: 'bye' });
  });
});

describe('protobuf upstream frames', () => {
  const parse = (m: object) => parseProtobufFrame(encodeUp(m));

  it('decodes requests into the shared operations', () => {
    expect(parse({ join_group_message: { group: 'g', ack_id: 0 } })).toEqual({
      ok: true,
      op: { type: 'joinGroup', group: 'g', ackId: 0 },
    });
    expect(parse({ sequence_ack_message: { sequence_id: 9 } })).toEqual({
      ok: true,
      op: { type: 'sequenceAck', sequenceId: 9 },
    });
    expect(parse({ send_to_group_message: { group: 'g', metadata: { A: 'b' } } })).toEqual({
      ok: true,
      op: {
        type: 'sendToGroup',
        group: 'g',
        data: { dataType: 'text', bytes: Buffer.alloc(0), metadata: { a: 'b' } },
        noEcho: false,
      },
    });
  });

  it('reports problems with the ackId when there is one, so they become BadRequest acks', () => {
    expect(parse({ join_group_message: { group: '  ', ack_id: 1 } })).toMatchObject({
      ok: false,
      ackId: 1,
    });
    expect(parse({ event_message: { event: 'e', ack_id: 2 } })).toMatchObject({
      ok: true,
      op: { data: expect.stringContaining('data is required') },
    });
    expect(
      parse({ send_to_group_message: { group: 'g', data: { json_data: '{' }, ack_id: 3 } }),
    ).toMatchObject({ ok: true, op: { data: 'json_data must be valid JSON.' } });
    expect(
      parse({ send_to_group_message: { group: 'g', stream: { stream_id: 's' }, ack_id: 4 } }),
    ).toMatchObject({ ok: false, ackId: 4, message: 'Streaming is not supported.' });
    expect(parse({ send_to_group_message: { group: 'g', ttl_seconds: 301 } })).toMatchObject({
      ok: false,
    });
  });

  it('refuses undecodable frames, empty ones and ack ids beyond 2^53', () => {
    expect(parseProtobufFrame(Buffer.from([0x0f]))).toMatchObject({ ok: false });
    expect(parseProtobufFrame(Buffer.alloc(0))).toMatchObject({ ok: false });
    expect(
      parse({ join_group_message: { group: 'g', ack_id: '18446744073709551615' } }),
    ).toMatchObject({ ok: false, message: 'ack_id is too large.' });
  });
});

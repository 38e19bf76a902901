// The JSON codecs' serialize-once envelope: every wire form parses back to the exact frame the
// service sends.
import { describe, expect, it } from 'vitest';

import { jsonCodec } from '../../../../packages/emulator/src/ws/codecs/json';
import {
  reliablePrefix,
  sequenceSuffix,
} from '../../../../packages/emulator/src/ws/codecs/json-envelope';
import { jsonReliableCodec } from '../../../../packages/emulator/src/ws/codecs/json-reliable';
import type { OutboundData } from '../../../../packages/emulator/src/ws/outbound';
import { PreparedMessage } from '../../../../packages/emulator/src/ws/outbound';

const parse = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));
const text = (s: string): OutboundData => ({ dataType: 'text', bytes: Buffer.from(s, 'utf8') });

describe('PreparedMessage', () => {
  it.each([
    ['plain ascii', 'hello'],
    ['quotes and backslashes', 'say "hi" \\ there'],
    ['control characters', 'line1\nline2\ttab\u0001'],
    ['non-ASCII and emoji', 'héllo wörld ✓ 😀'],
    ['line separators', 'a\u2028b\u2029c'],
    ['empty', ''],
  ])('encodes text with %s as a JSON string', (_what, value) => {
    const msg = new PreparedMessage(text(value), { from: 'server' });
    expect(parse(jsonCodec.encodeData(msg))).toEqual({
      type: 'message',
      from: 'server',
      dataType: 'text',
      data: value,
    });
  });

  it('replaces invalid UTF-8 in text instead of putting it on the wire', () => {
    const msg = new PreparedMessage(
      { dataType: 'text', bytes: Buffer.from([0x61, 0xff, 0x62]) },
      { from: 'server' },
    );
    expect(parse(jsonCodec.encodeData(msg))).toMatchObject({ data: 'a\uFFFDb' });
  });

  it('embeds JSON as a value, binary as base64, and metadata', () => {
    const json = new PreparedMessage(
      { dataType: 'json', bytes: Buffer.from('{"a":[1,"x"]}'), metadata: { k: 'v' } },
      { from: 'server' },
    );
    expect(parse(jsonCodec.encodeData(json))).toEqual({
      type: 'message',
      from: 'server',
      dataType: 'json',
      data: { a: [1, 'x'] },
      metadata: { k: 'v' },
    });
    const bin = new PreparedMessage(
      { dataType: 'binary', bytes: Buffer.from([0, 255, 7]) },
      { from: 'server' },
    );
    expect(parse(jsonCodec.encodeData(bin))).toMatchObject({ dataType: 'binary', data: 'AP8H' });
  });

  it('names the group and the sender, and omits the sender for server sends to a group', () => {
    const fromUser = new PreparedMessage(text('x'), {
      from: 'group',
      group: 'g "1"',
      fromUserId: 'u',
    });
    expect(parse(jsonCodec.encodeData(fromUser))).toEqual({
      type: 'message',
      from: 'group',
      group: 'g "1"',
      fromUserId: 'u',
      dataType: 'text',
      data: 'x',
    });
    const anonymous = new PreparedMessage(text('x'), {
      from: 'group',
      group: 'g',
      fromUserId: null,
    });
    expect(parse(jsonCodec.encodeData(anonymous))).toMatchObject({ fromUserId: null });
    const fromServer = new PreparedMessage(text('x'), { from: 'group', group: 'g' });
    expect(parse(jsonCodec.encodeData(fromServer))).not.toHaveProperty('fromUserId');
  });

  it('builds reliable frames from one prefix and a per-recipient sequence id', () => {
    const msg = new PreparedMessage(text('x'), { from: 'server' });
    const prefix = reliablePrefix(msg);
    expect(reliablePrefix(msg)).toBe(prefix);
    expect(parse(Buffer.concat([prefix, sequenceSuffix(41)]))).toEqual({
      type: 'message',
      from: 'server',
      dataType: 'text',
      data: 'x',
      sequenceId: 41,
    });
    expect(jsonReliableCodec.encodeData(msg, 41)).toEqual(
      Buffer.concat([prefix, sequenceSuffix(41)]),
    );
  });

  it('serializes once however many times a frame is asked for', () => {
    const msg = new PreparedMessage(text('x'), { from: 'server' });
    expect(jsonCodec.encodeData(msg)).toBe(jsonCodec.encodeData(msg));
  });
});

// The serialize-once envelope: every wire form parses back to the exact frame the service sends.
import { describe, expect, it } from 'vitest';

import type { OutboundData } from '../../../../packages/emulator/src/ws/outbound';
import { PreparedMessage, sequenceSuffix } from '../../../../packages/emulator/src/ws/outbound';

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
    expect(parse(msg.jsonFrame())).toEqual({
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
    expect(parse(msg.jsonFrame())).toMatchObject({ data: 'a\uFFFDb' });
  });

  it('embeds JSON as a value, binary as base64, and metadata', () => {
    const json = new PreparedMessage(
      { dataType: 'json', bytes: Buffer.from('{"a":[1,"x"]}'), metadata: { k: 'v' } },
      { from: 'server' },
    );
    expect(parse(json.jsonFrame())).toEqual({
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
    expect(parse(bin.jsonFrame())).toMatchObject({ dataType: 'binary', data: 'AP8H' });
  });

  it('names the group and the sender, and omits the sender for server sends to a group', () => {
    const fromUser = new PreparedMessage(text('x'), {
      from: 'group',
      group: 'g "1"',
      fromUserId: 'u',
    });
    expect(parse(fromUser.jsonFrame())).toEqual({
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
    expect(parse(anonymous.jsonFrame())).toMatchObject({ fromUserId: null });
    const fromServer = new PreparedMessage(text('x'), { from: 'group', group: 'g' });
    expect(parse(fromServer.jsonFrame())).not.toHaveProperty('fromUserId');
  });

  it('builds reliable frames from one prefix and a per-recipient sequence id', () => {
    const msg = new PreparedMessage(text('x'), { from: 'server' });
    const prefix = msg.reliablePrefix();
    expect(msg.reliablePrefix()).toBe(prefix);
    expect(parse(Buffer.concat([prefix, sequenceSuffix(41)]))).toEqual({
      type: 'message',
      from: 'server',
      dataType: 'text',
      data: 'x',
      sequenceId: 41,
    });
  });

  it('serializes once however many times a frame is asked for', () => {
    const msg = new PreparedMessage(text('x'), { from: 'server' });
    expect(msg.jsonFrame()).toBe(msg.jsonFrame());
  });
});

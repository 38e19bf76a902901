// The room-name input's `pattern`: a browser compiles it with the `v` flag, anchored; it must
// compile there and accept exactly what the contract's ROOM_NAME accepts.
import { describe, expect, it } from 'vitest';

import { ROOM_NAME } from '../../../chat-contract/limits';
import { ROOM_NAME_PATTERN, toVFlagPattern } from '../../../web/src/room-pattern';

/** What the HTML standard does with a `pattern` attribute. */
const asBrowser = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'v');

describe('the room-name pattern', () => {
  it('is a valid regular expression under the v flag (the contract source is not)', () => {
    expect(() => asBrowser(ROOM_NAME.source.slice(1, -1))).toThrow(SyntaxError);
    expect(() => asBrowser(ROOM_NAME_PATTERN)).not.toThrow();
  });

  it('accepts and refuses the same names as the contract', () => {
    const re = asBrowser(ROOM_NAME_PATTERN);
    const samples = [
      'lobby',
      'a',
      'Room_1-b',
      '9',
      'x'.repeat(64),
      'x'.repeat(65),
      '-a',
      '_a',
      'a b',
      'a!',
      '',
      'é',
      'a-',
    ];
    for (const name of samples) expect([name, re.test(name)]).toEqual([name, ROOM_NAME.test(name)]);
  });

  it('escapes only a bare trailing dash in a class', () => {
    expect(toVFlagPattern(new RegExp('^[a\\-]x-y[_-]$'))).toBe('[a\\-]x-y[_\\-]');
  });
});

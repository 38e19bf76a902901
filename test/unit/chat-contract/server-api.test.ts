// The publish API's body: a typed message (text or JSON) out of `data` + `dataType`, and a caller's
// mistake is a schema issue (a 400), never an error further in.
import { describe, expect, it } from 'vitest';

import { describeSchemaError } from '../../../chat-contract/schema-errors';
import { publishSchema } from '../../../chat-contract/server-api';

describe('publishSchema', () => {
  it('turns data and dataType into one typed message', () => {
    expect(publishSchema.parse({ to: { all: true }, data: { a: 1 } })).toEqual({
      to: { all: true },
      message: { kind: 'json', json: { a: 1 } },
    });
    expect(
      publishSchema.parse({ to: { group: 'g' }, data: 'hi', dataType: 'text', excluded: ['c1'] }),
    ).toEqual({ to: { group: 'g' }, excluded: ['c1'], message: { kind: 'text', text: 'hi' } });
  });

  it.each([
    [
      'text that is not a string',
      { to: { all: true }, data: 1, dataType: 'text' },
      'data: dataType "text" needs a string data',
    ],
    ['a null payload', { to: { all: true }, data: null }, 'data: '],
    ['an unknown target', { to: { nobody: true }, data: 1 }, 'to: '],
  ])('refuses %s with the path to the issue', (_name, body, message) => {
    const result = publishSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeSchemaError(result.error)).toContain(message);
  });
});

// The client → server envelope: what is accepted, and the error every bad input gets.
import { describe, expect, it } from 'vitest';

import { clientIdOf, parseEnvelope } from '../../../chat/envelope';
import { joinSchema, messageSchema } from '../../../chat-contract/envelopes';
import { MAX_ENVELOPE_BYTES } from '../../../chat-contract/limits';

const parse = (data: unknown) =>
  parseEnvelope(messageSchema, typeof data === 'string' ? data : JSON.stringify(data));

describe('message envelope', () => {
  it('answers 2,000 nested arrays in 4 KiB with InvalidEnvelope, before the schema recurses', () => {
    const deep = `{"to":{"room":"lobby"},"data":${'['.repeat(2000)}${']'.repeat(2000)}}`;
    expect(Buffer.byteLength(deep)).toBeLessThanOrEqual(MAX_ENVELOPE_BYTES);
    const result = parse(deep);
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidEnvelope' } });
    expect(result.ok || result.error.message).toMatch(/nests deeper/);
    // Brackets inside strings are text, not nesting.
    expect(parse({ to: { room: 'lobby' }, text: '['.repeat(1000) }).ok).toBe(true);
  });

  it('accepts room, user and all targets with text and/or data', () => {
    expect(parse({ to: { room: 'lobby' }, text: 'hi' })).toEqual({
      ok: true,
      value: { to: { room: 'lobby' }, text: 'hi' },
    });
    expect(parse({ id: 'c-1', to: { user: 'u1' }, data: { x: [1] } }).ok).toBe(true);
    expect(parse({ to: { all: true }, text: 'x', data: 1 }).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{oops', 'InvalidEnvelope', 'not JSON'],
    ['no body', { to: { room: 'lobby' } }, 'InvalidEnvelope', 'needs text or data'],
    ['bad room', { to: { room: 'no spaces' }, text: 'x' }, 'InvalidEnvelope', 'to'],
    ['group-looking room', { to: { room: 'room.other' }, text: 'x' }, 'InvalidEnvelope', 'to'],
    ['unknown key', { to: { room: 'a' }, text: 'x', extra: 1 }, 'InvalidEnvelope', 'extra'],
    ['two targets', { to: { room: 'a', user: 'b' }, text: 'x' }, 'InvalidEnvelope', 'to'],
    ['bad id', { id: 'has space', to: { room: 'a' }, text: 'x' }, 'InvalidEnvelope', 'id'],
    ['empty text', { to: { room: 'a' }, text: '' }, 'InvalidEnvelope', 'text'],
  ])('rejects %s with a clear error', (_name, data, code, mentions) => {
    const result = parse(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(mentions);
    }
  });

  it('rejects more than MAX_ENVELOPE_BYTES before parsing', () => {
    const result = parse({ to: { room: 'a' }, data: 'x'.repeat(MAX_ENVELOPE_BYTES) });
    expect(result.ok ? 'ok' : result.error.code).toBe('TooLarge');
  });

  it('counts bytes, not characters', () => {
    const text = '€'.repeat(1990); // 1990 chars (under the text limit), 5970 bytes
    expect(parse({ to: { room: 'a' }, text }).ok).toBe(false);
  });
});

describe("a refusal's client id", () => {
  it('is echoed when the data has a valid id, whatever else failed', () => {
    const empty = parse({ id: 'c-7', to: { room: 'a' }, text: '' });
    expect(empty).toMatchObject({ ok: false, id: 'c-7', error: { code: 'InvalidEnvelope' } });
    const big = parse({ id: 'c-8', to: { room: 'a' }, data: 'x'.repeat(MAX_ENVELOPE_BYTES) });
    expect(big).toMatchObject({ ok: false, id: 'c-8', error: { code: 'TooLarge' } });
  });

  it.each([
    ['no id', { to: { room: 'a' }, text: '' }],
    ['an id with a space', { id: 'has space', to: { room: 'a' }, text: 'x' }],
    ['an id of 65 characters', { id: 'x'.repeat(65), to: { room: 'a' }, text: '' }],
    ['an id with markup', { id: '<img src=x>', text: '' }],
    ['a number id', { id: 7, text: '' }],
    ['an object id', { id: { toString: 'c-1' }, text: '' }],
    ['an array', ['c-1']],
    ['a bare string', 'c-1'],
  ])('is left out for %s', (_name, data) => {
    const result = parse(data);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('id');
  });

  it('is left out of data that is not JSON or nests too deep', () => {
    expect(clientIdOf('{"id":"c-1",')).toBeUndefined();
    expect(clientIdOf(`{"id":"c-1","x":${'['.repeat(200)}${']'.repeat(200)}}`)).toBeUndefined();
    expect(clientIdOf('{"id":"c-1"}')).toBe('c-1');
  });
});

describe('join envelope', () => {
  it('takes an optional non-negative integer since', () => {
    expect(parseEnvelope(joinSchema, '{"room":"a","since":3}').ok).toBe(true);
    expect(parseEnvelope(joinSchema, '{"room":"a","since":-1}').ok).toBe(false);
    expect(parseEnvelope(joinSchema, '{"room":"a","since":1.5}').ok).toBe(false);
  });
});

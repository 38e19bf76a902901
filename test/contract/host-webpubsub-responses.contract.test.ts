// Return values of connect and user-event functions → the HTTP answer the service gets (the
// extension's response converters), including the extension's nested-base64 `ce-connectionState` and how states merge.
import { describe, expect, it } from 'vitest';

import { useWpsStack } from '../setup/wps-host';

const stack = useWpsStack();

/** The `mirror` user event returns the JSON it is sent. */
const mirror = (value: unknown, headers: Record<string, string> = {}) =>
  stack.post({
    event: 'mirror',
    body: JSON.stringify(value),
    contentType: 'application/json',
    headers,
  });

/** The connect function returns the JSON of its `reply` query parameter. */
const connectReplying = (value: unknown) =>
  stack.post({
    event: 'connect',
    body: JSON.stringify({ query: { reply: [JSON.stringify(value)] } }),
  });

/** The extension's encoding: base64 of a JSON object of base64 JSON values. */
const encodeStates = (states: Record<string, unknown>) =>
  Buffer.from(
    JSON.stringify(
      Object.fromEntries(
        Object.entries(states).map(([k, v]) => [
          k,
          Buffer.from(JSON.stringify(v)).toString('base64'),
        ]),
      ),
    ),
  ).toString('base64');
const decodeStates = (header: string | null) =>
  header === null
    ? null
    : Object.fromEntries(
        Object.entries(
          JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Record<string, string>,
        ).map(([k, v]) => [k, JSON.parse(Buffer.from(v, 'base64').toString('utf8')) as unknown]),
      );

describe('error responses', () => {
  it.each([
    ['unauthorized', 401],
    ['UserError', 400],
    ['serverError', 500],
    [0, 401],
    [1, 400],
    [2, 500],
  ])('code %j → %i with the error message as text', async (code, status) => {
    const res = await mirror({ code, errorMessage: 'no way' });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('no way');
  });

  it('treats code "success" (or -1) as no error', async () => {
    for (const code of ['success', -1]) {
      const res = await mirror({ code, data: 'fine', dataType: 'text' });
      expect([res.status, await res.text()]).toEqual([200, 'fine']);
    }
  });

  it('answers 500 for a code that is no status', async () => {
    expect((await mirror({ code: 'maybe' })).status).toBe(500);
  });
});

describe('user-event replies', () => {
  it('sends data with the content type of its dataType, binary by default', async () => {
    const cases: [unknown, string][] = [
      [{ data: 'hi', dataType: 'text' }, 'text/plain'],
      [{ data: '{"a":1}', dataType: 'JSON' }, 'application/json'],
      [{ data: 'raw' }, 'application/octet-stream'],
      [{ data: 'two', dataType: 2 }, 'text/plain'],
    ];
    for (const [value, type] of cases) {
      const res = await mirror(value);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, type]);
    }
  });

  it('sends a Buffer returned in the object as its bytes', async () => {
    const res = await mirror({ data: { type: 'Buffer', data: [0, 255, 7] }, dataType: 'binary' });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0, 255, 7]));
  });

  it('answers 500 when data is neither a string nor a Buffer, or dataType is unknown', async () => {
    const notString = await mirror({ data: { a: 1 }, dataType: 'json' });
    expect([notString.status, await notString.text()]).toEqual([
      500,
      'Message should be string, please stringify object.',
    ]);
    expect((await mirror({ data: 'x', dataType: 'xml' })).status).toBe(500);
  });

  it('answers 500 for an array, and 200 empty for a string, number or boolean', async () => {
    const array = await mirror([1, 2]);
    expect([array.status, await array.text()]).toEqual([500, 'Response should be a JObject.']);
    for (const value of ['just text', 42, true]) {
      const res = await mirror(value);
      expect([res.status, await res.text()]).toEqual([200, '']);
    }
    const text = await stack.post({ event: 'mirror', body: 'not json at all' });
    expect([text.status, await text.text()]).toEqual([200, '']);
  });

  it('acks without data when the object has no data', async () => {
    const res = await mirror({ dataType: 'text' });
    expect([res.status, await res.text()]).toEqual([200, '']);
  });
});

describe('connection states', () => {
  it('merges returned states into the incoming ones, new values winning', async () => {
    const incoming = encodeStates({ keep: 'me', counter: 1 });
    const res = await mirror(
      { data: 'x', dataType: 'text', states: { counter: 2, added: { deep: [1] } } },
      { 'ce-connectionState': incoming },
    );
    expect(decodeStates(res.headers.get('ce-connectionstate'))).toEqual({
      keep: 'me',
      counter: 2,
      added: { deep: [1] },
    });
  });

  it('echoes the incoming states when the reply has none, and sends no header without any', async () => {
    const incoming = encodeStates({ keep: true });
    const kept = await mirror({ data: 'x' }, { 'ce-connectionState': incoming });
    expect(decodeStates(kept.headers.get('ce-connectionstate'))).toEqual({ keep: true });
    const none = await mirror({ data: 'x', states: 'not an object' });
    expect(none.headers.get('ce-connectionstate')).toBeNull();
  });

  it('gives the function the decoded states in its connection context', async () => {
    const res = await stack.post({
      event: 'echo',
      body: 'hello',
      headers: { 'ce-connectionState': encodeStates({ visits: 4, tier: 'gold' }) },
    });
    expect(await res.json()).toMatchObject({ states: { visits: 4, tier: 'gold' } });
    expect(decodeStates(res.headers.get('ce-connectionstate'))).toEqual({
      visits: 5,
      tier: 'gold',
    });
  });
});

describe('connect responses', () => {
  it('re-serialises userId, groups, subprotocol and roles with nulls kept, as JSON', async () => {
    const res = await connectReplying({ userId: 'u1', roles: ['r'], other: 'dropped' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"userId":"u1","groups":null,"subprotocol":null,"roles":["r"]}');
  });

  it('sets the connection state from returned states', async () => {
    const res = await connectReplying({ states: { tier: 'gold' } });
    expect(decodeStates(res.headers.get('ce-connectionstate'))).toEqual({ tier: 'gold' });
  });

  it('rejects with the error code, and answers 200 empty when the function returns nothing', async () => {
    const res = await connectReplying({ code: 'unauthorized', errorMessage: 'who are you' });
    expect([res.status, await res.text()]).toEqual([401, 'who are you']);
    const empty = await stack.post({ event: 'connect', body: '{"query":{"reply":["null"]}}' });
    expect([empty.status, await empty.text()]).toEqual([200, '']);
  });

  it('answers 500 for groups that are not an array', async () => {
    expect((await connectReplying({ groups: 'one' })).status).toBe(500);
  });
});

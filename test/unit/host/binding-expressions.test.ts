// Binding expressions: `%Setting%` at start-up, `{a.b}` per invocation, case-insensitive.
import { describe, expect, it } from 'vitest';

import {
  applyHostJsonOverrides,
  timeSpanMs,
} from '../../../packages/functions-host/src/app-config';
import {
  resolveAppSettings,
  resolveExpressions,
} from '../../../packages/functions-host/src/binding-expressions';

const where = { functionName: 'negotiate', binding: 'connection' };

describe('binding expressions', () => {
  it('resolves %AppSetting% from the settings and names a missing one', () => {
    expect(resolveAppSettings('%Hub%-x', { Hub: 'chat' }, where)).toBe('chat-x');
    expect(() => resolveAppSettings('%Nope%', {}, where)).toThrow(
      "app setting 'Nope' (from '%Nope%') is not set",
    );
  });

  it('resolves {query.x} and {headers.x} case-insensitively', () => {
    const data = {
      query: { userId: 'u1' },
      headers: { 'x-ms-client-principal-name': 'ada' },
      id: 7,
    };
    expect(resolveExpressions('{Query.USERID}', data, where)).toBe('u1');
    expect(resolveExpressions('user-{headers.X-MS-Client-Principal-Name}', data, where)).toBe(
      'user-ada',
    );
    expect(resolveExpressions('{id}', data, where)).toBe('7');
    expect(resolveExpressions('literal', data, where)).toBe('literal');
  });

  it('fails the invocation when a key does not exist, as the host does', () => {
    expect(() => resolveExpressions('{query.userId}', { query: {} }, where)).toThrow(
      "Error while accessing 'query.userId': property doesn't exist.",
    );
  });

  it('generates {sys.randguid} and {rand-guid} afresh each time', () => {
    const a = resolveExpressions('guest-{sys.randguid}', {}, where);
    const b = resolveExpressions('{rand-guid}', {}, where);
    expect(a).toMatch(/^guest-[0-9a-f-]{36}$/);
    expect(b).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.slice(6)).not.toBe(b);
  });

  it('keeps a present empty value', () => {
    expect(resolveExpressions('{query.userId}', { query: { userId: '' } }, where)).toBe('');
  });
});

describe('timeSpanMs', () => {
  it('reads host.json TimeSpans, -1, and millisecond numbers', () => {
    expect(timeSpanMs('00:05:00', 0)).toBe(300_000);
    expect(timeSpanMs('1.02:00:01.5', 0)).toBe(((24 + 2) * 3600 + 1.5) * 1000);
    expect(timeSpanMs('-1', 0)).toBe(Number.POSITIVE_INFINITY);
    expect(timeSpanMs(2000, 0)).toBe(2000);
    expect(timeSpanMs(undefined, 42)).toBe(42);
  });
});

describe('applyHostJsonOverrides', () => {
  it('sets nested host.json values from AzureFunctionsJobHost__ settings, typed', () => {
    const overridden = applyHostJsonOverrides(
      { version: '2.0', extensions: { queues: { maxDequeueCount: 5 } } },
      {
        AzureFunctionsJobHost__extensions__queues__maxDequeueCount: '2',
        AzureFunctionsJobHost__extensions__http__routePrefix: 'v1',
        AzureFunctionsJobHost__functionTimeout: '00:00:10',
        UNRELATED: 'x',
      },
    );
    expect(overridden).toEqual({
      version: '2.0',
      functionTimeout: '00:00:10',
      extensions: { queues: { maxDequeueCount: 2 }, http: { routePrefix: 'v1' } },
    });
  });

  it('names the setting that makes host.json invalid', () => {
    expect(() =>
      applyHostJsonOverrides(
        { version: '2.0' },
        { AzureFunctionsJobHost__functionTimeout: 'soon' },
      ),
    ).toThrow('AzureFunctionsJobHost__ overrides: functionTimeout');
  });
});

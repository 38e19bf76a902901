import { describe, expect, it } from 'vitest';

import { CoreApi } from '../../../packages/functions-host/src/core/core-api';

const noop = () => undefined;
const meta = (name: string, functionId?: string) => ({
  name,
  bindings: { req: { type: 'httpTrigger', direction: 'in' as const } },
  ...(functionId ? { functionId } : {}),
});

describe('CoreApi.registerFunction (the worker’s registry rules)', () => {
  it('keys a function by its name when the metadata has no id', () => {
    const core = new CoreApi(noop);
    core.registerFunction(meta('hello'), noop);
    expect(core.registrations.map((r) => r.functionId)).toEqual(['hello']);
  });

  it('refuses a second function with the same id, as the worker does', () => {
    const core = new CoreApi(noop);
    core.registerFunction(meta('echo'), noop);
    expect(() => core.registerFunction(meta('echo'), noop)).toThrow(
      'A function with id "echo" has already been registered.',
    );
    expect(core.registrations).toHaveLength(1);
  });

  it('uses an explicit functionId when given, and refuses a repeated one', () => {
    const core = new CoreApi(noop);
    core.registerFunction(meta('a', 'id-1'), noop);
    core.registerFunction(meta('b', 'id-2'), noop);
    expect(() => core.registerFunction(meta('c', 'id-1'), noop)).toThrow(/"id-1"/);
  });

  it('refuses registrations after the app has loaded; a disposed one frees its id before that', () => {
    const core = new CoreApi(noop);
    core.registerFunction(meta('x'), noop).dispose();
    core.registerFunction(meta('x'), noop);
    core.lock();
    expect(() => core.registerFunction(meta('y'), noop)).toThrow(/during app startup/);
  });
});

// app.hook.log as azure-functions-nodejs-worker runs it (src/WorkerContext.ts `log`,
// src/hooks/LogHookContext.ts): every hook sees every log; changes to `message` and `level` apply
// to user logs only; a hook that throws never stops the log; category is read-only.
import { describe, expect, it } from 'vitest';

import { CoreApi } from '../../../packages/functions-host/src/core/core-api';
import { applyLogHooks } from '../../../packages/functions-host/src/core/hooks';
import { isEsModule } from '../../../packages/functions-host/src/worker/app-loader';

const shared = { hookData: { tag: 't' }, appHookData: {}, invocationContext: undefined };

function coreWith(...hooks: ((c: Record<string, unknown>) => void)[]): CoreApi {
  const core = new CoreApi(() => undefined);
  for (const hook of hooks) core.registerHook('log', hook);
  return core;
}

describe('applyLogHooks', () => {
  it('applies message and level changes to user logs, in hook order', () => {
    const core = coreWith(
      (c) => (c.message = `${String(c.message)} [${String((c.hookData as { tag: string }).tag)}]`),
      (c) => (c.level = 'warning'),
    );
    expect(
      applyLogHooks(core, { level: 'information', category: 'user', message: 'm' }, shared),
    ).toEqual({
      level: 'warning',
      category: 'user',
      message: 'm [t]',
    });
  });

  it('runs hooks on system logs but keeps them as they were', () => {
    let seen = '';
    const core = coreWith((c) => {
      seen = String(c.message);
      c.message = 'changed';
    });
    const log = { level: 'debug', category: 'system', message: 'sys' } as const;
    expect(applyLogHooks(core, log, shared)).toEqual(log);
    expect(seen).toBe('sys');
  });

  it('ignores a hook that throws, and refuses to change the category', () => {
    const core = coreWith((c) => {
      c.category = 'system';
    });
    expect(applyLogHooks(core, { level: 'error', category: 'user', message: 'x' }, shared)).toEqual(
      { level: 'error', category: 'user', message: 'x' },
    );
  });
});

describe('isEsModule (azure-functions-nodejs-worker src/loadScriptFile.ts)', () => {
  it('is true for .mjs and for .js in a "type": "module" package, never for .cjs', () => {
    expect(isEsModule('/a/f.mjs', undefined)).toBe(true);
    expect(isEsModule('/a/f.js', 'module')).toBe(true);
    expect(isEsModule('/a/f.js', 'commonjs')).toBe(false);
    expect(isEsModule('/a/f.cjs', 'module')).toBe(false);
  });
});

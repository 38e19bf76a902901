// Runs the app's hooks (`app.hook.*`) with the context objects the Node worker passes: hookData
// per invocation, appHookData per app, read-only properties guarded the same way.
import type { CoreApi } from './core-api';
import type { HookName, RpcLogCategory, RpcLogLevel } from './types';

export async function runHooks(core: CoreApi, name: HookName, context: object): Promise<void> {
  const callbacks = core.hooks.get(name);
  if (!callbacks?.size) return;
  for (const callback of [...callbacks]) {
    await callback(context as Record<string, unknown>);
  }
}

export function hasHooks(core: CoreApi, name: HookName): boolean {
  return (core.hooks.get(name)?.size ?? 0) > 0;
}

/** Adds read-only getters that throw on assignment, as the worker's hook contexts do. */
export function readOnly<T extends object>(target: T, values: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(target, key, {
      enumerable: true,
      get: () => value,
      set: () => {
        throw new TypeError(`Cannot assign to read only property '${key}'`);
      },
    });
  }
  return target;
}

export interface LogRecord {
  level: RpcLogLevel;
  category: RpcLogCategory;
  message: string;
}

/**
 * Runs `app.hook.log` callbacks on one log, as the worker does (azure-functions-nodejs-worker
 * src/WorkerContext.ts `log` and src/hooks/LogHookContext.ts): synchronously, for every log, with a
 * context whose `level` and `message` the hooks may change; the changes apply to user logs only,
 * and a hook that throws never stops the log. Returns the log to write.
 */
export function applyLogHooks(
  core: CoreApi,
  log: LogRecord,
  shared: {
    hookData: Record<string, unknown>;
    appHookData: Record<string, unknown>;
    invocationContext: unknown;
  },
): LogRecord {
  const callbacks = core.hooks.get('log');
  if (!callbacks?.size) return log;
  const context = readOnly(
    { level: log.level, message: log.message },
    { ...shared, category: log.category },
  );
  try {
    for (const callback of [...callbacks]) void callback(context);
  } catch {
    // Hooks cannot stop a log.
  }
  if (log.category !== 'user') return log;
  return { level: context.level, message: String(context.message), category: log.category };
}

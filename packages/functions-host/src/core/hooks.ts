// Runs the app's hooks (`app.hook.*`) with the context objects the Node worker passes: hookData
// per invocation, appHookData per app, read-only properties guarded the same way.
import type { CoreApi } from './core-api';
import type { HookName } from './types';

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

// A registered function as the host sees it (its code stays in the worker): its trigger, extra inputs and outputs, with binding
// options already through `%AppSetting%` resolution.
import { resolveAppSettings } from './binding-expressions';
import type { CoreFunctionMetadata, RpcBindingInfo } from './core/types';
import { configError } from './errors';
import type { LoadedFunction } from './worker/protocol';

export const RETURN_BINDING = '$return';

export interface NamedBinding {
  name: string;
  /** Binding type, lower-cased for lookups (`httptrigger`, `webpubsub`, ...). */
  type: string;
  options: RpcBindingInfo;
}

export interface FunctionDefinition {
  id: string;
  name: string;
  metadata: CoreFunctionMetadata;
  trigger: NamedBinding;
  /** `in` bindings other than the trigger, in declaration order. */
  inputs: NamedBinding[];
  /** `out` bindings in declaration order, including `$return` when the app declared one. */
  outputs: NamedBinding[];
}

export function defineFunction(
  registration: LoadedFunction,
  env: NodeJS.ProcessEnv,
): FunctionDefinition {
  const { metadata } = registration;
  const name = metadata.name;
  const all = Object.entries(metadata.bindings).map(([bindingName, options]) => ({
    name: bindingName,
    type: String(options.type ?? '').toLowerCase(),
    options: resolveOptions(options, env, name, bindingName),
  }));
  const triggers = all.filter((b) => b.type.endsWith('trigger'));
  if (triggers.length !== 1 || !triggers[0]) {
    throw configError(
      `Function '${name}' must have exactly one trigger binding, found ${triggers.length}.`,
    );
  }
  const trigger = triggers[0];
  return {
    id: registration.functionId,
    name,
    metadata,
    trigger,
    inputs: all.filter((b) => b !== trigger && b.options.direction === 'in'),
    outputs: all.filter((b) => b.options.direction === 'out'),
  };
}

function resolveOptions(
  options: RpcBindingInfo,
  env: NodeJS.ProcessEnv,
  functionName: string,
  binding: string,
): RpcBindingInfo {
  const where = { functionName, binding };
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') return resolveAppSettings(value, env, where);
    if (Array.isArray(value)) return value.map(resolve);
    return value;
  };
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k, resolve(v)]));
}

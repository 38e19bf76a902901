// Makes `require('@azure/functions-core')` return our core API, the way the Node worker does
// (it patches `Module.prototype.require` before loading the app). Undone by the returned function.
import Module from 'node:module';

const CORE_MODULE_ID = '@azure/functions-core';

type RequireFn = (this: NodeJS.Module, id: string) => unknown;

export function installCoreModule(coreApi: object): () => void {
  const proto = Module.prototype as unknown as { require: RequireFn };
  const original = proto.require;
  const patched: RequireFn = function (this: NodeJS.Module, id: string) {
    return id === CORE_MODULE_ID ? coreApi : original.call(this, id);
  };
  proto.require = patched;
  return () => {
    if (proto.require === patched) proto.require = original;
  };
}

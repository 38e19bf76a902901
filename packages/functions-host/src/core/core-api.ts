// Our `@azure/functions-core`: what the library calls to register functions and hooks. Registrations
// are collected here; the host reads them once the app's entry files have loaded.
import { Disposable } from './disposable';
import type {
  CoreFunctionMetadata,
  FunctionCallback,
  HookCallback,
  HookName,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from './types';

export interface Registration {
  functionId: string;
  metadata: CoreFunctionMetadata;
  callback: FunctionCallback;
}

const HOOK_NAMES: readonly HookName[] = [
  'appStart',
  'appTerminate',
  'preInvocation',
  'postInvocation',
  'log',
];

export type SystemLog = (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

export class CoreApi {
  readonly version = '3.10.1';
  readonly hostVersion = '4.1040.0';
  readonly Disposable = Disposable;
  readonly registrations: Registration[] = [];
  readonly hooks = new Map<HookName, Set<HookCallback>>(HOOK_NAMES.map((n) => [n, new Set()]));
  #programmingModel: ProgrammingModel | undefined;
  #locked = false;

  constructor(private readonly systemLog: SystemLog) {}

  // Arrow properties: the library calls these detached from the object.
  registerFunction = (metadata: CoreFunctionMetadata, callback: FunctionCallback): Disposable => {
    if (this.#locked) {
      // The worker refuses late registrations too: the host has already indexed the app.
      throw new Error('A function can only be registered during app startup.');
    }
    // The worker keys functions by id (the name unless the metadata gives one) and refuses twins.
    const functionId =
      typeof metadata.functionId === 'string' && metadata.functionId
        ? metadata.functionId
        : metadata.name;
    if (this.registrations.some((r) => r.functionId === functionId)) {
      throw new Error(`A function with id "${functionId}" has already been registered.`);
    }
    const registration = { functionId, metadata, callback };
    this.registrations.push(registration);
    return new Disposable(() => {
      if (this.#locked) throw new Error('A function can only be disposed during app startup.');
      this.registrations.splice(this.registrations.indexOf(registration), 1);
    });
  };

  setProgrammingModel = (model: ProgrammingModel): void => {
    this.#programmingModel = model;
  };

  getProgrammingModel = (): ProgrammingModel | undefined => this.#programmingModel;

  registerHook = (name: string, callback: HookCallback): Disposable => {
    const set = this.hooks.get(name as HookName);
    if (!set) throw new RangeError(`Unrecognized hook "${name}"`);
    set.add(callback);
    return new Disposable(() => set.delete(callback));
  };

  log = (level: RpcLogLevel, category: RpcLogCategory, message: string): void => {
    this.systemLog(level, category, message);
  };

  /** Called once the app has loaded: from now on the function list is fixed. */
  lock(): void {
    this.#locked = true;
  }
}

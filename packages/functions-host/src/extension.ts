// What a host extension plugs in: trigger binders, input resolvers, output writers, HTTP endpoints
// and a lifecycle. The HTTP, Web PubSub, storage and timer extensions all have this shape, like the
// real host's extensions.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { AppConfig } from './app-config';
import type { BindingData } from './binding-expressions';
import type { RpcTypedData } from './core/types';
import type { FunctionDefinition, NamedBinding } from './functions';
import type { HostKeys } from './keys';
import type { HostLogger } from './logger';

/** What a trigger hands the invoker. */
export interface TriggerEvent {
  /** The trigger binding's value (the handler's first argument). */
  data: RpcTypedData;
  /** `context.triggerMetadata` (the library first-letter-lowercases its keys). */
  triggerMetadata?: Record<string, RpcTypedData>;
  /** What `{...}` expressions in input/output bindings resolve against. */
  bindingData: BindingData;
  retryContext?: { retryCount: number; maxRetryCount: number };
}

export interface TriggerBinder {
  /** Validates a function's trigger options and indexes it; throws a HostError naming the function. */
  bind(fn: FunctionDefinition): void;
  /** One line for the start-up function list, e.g. `[GET,POST] http://localhost:7071/api/negotiate`. */
  describe?(fn: FunctionDefinition): string;
}

export interface InputResolver {
  /** Checks a binding's options at start-up. */
  validate?(fn: FunctionDefinition, binding: NamedBinding): void;
  resolve(
    fn: FunctionDefinition,
    binding: NamedBinding,
    event: TriggerEvent,
  ): Promise<RpcTypedData | undefined>;
}

export interface OutputWriter {
  validate?(fn: FunctionDefinition, binding: NamedBinding): void;
  write(
    fn: FunctionDefinition,
    binding: NamedBinding,
    value: RpcTypedData,
    event: TriggerEvent,
  ): Promise<void>;
}

export interface HttpEndpoint {
  /** Returns false when the request is not for this endpoint. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
}

export interface HostExtension {
  readonly name: string;
  /** Keyed by lower-cased binding type. */
  readonly triggers?: Record<string, TriggerBinder>;
  readonly inputs?: Record<string, InputResolver>;
  readonly outputs?: Record<string, OutputWriter>;
  readonly endpoints?: HttpEndpoint[];
  /**
   * Sees every request before any endpoint, as App Service's front end does (the local sign-in):
   * answers it itself (returns true) or adjusts its headers and lets it through (returns false).
   */
  readonly frontEnd?: HttpEndpoint;
  /** After every function is bound and the server listens (start polling, timers). */
  start?(): Promise<void> | void;
  /** Stop taking new work; in-flight invocations finish on their own. */
  stop?(): Promise<void> | void;
}

export interface InvocationResult {
  invocationId: string;
  /** What the function returned (or its `$return` binding), as typed data. */
  returnValue: RpcTypedData | null | undefined;
}

/** What extensions need of the invoker (it implements this; extensions never import it). */
export interface FunctionInvoker {
  /** Runs one invocation in the worker's order; rejects with a HostError when it fails. */
  invoke(fn: FunctionDefinition, event: TriggerEvent): Promise<InvocationResult>;
}

export interface HostServices {
  config: AppConfig;
  env: NodeJS.ProcessEnv;
  invoker: FunctionInvoker;
  logger: HostLogger;
  keys: HostKeys;
  /** Base URL once listening, e.g. http://localhost:7071. */
  url(): string;
}

export type ExtensionFactory = (host: HostServices) => HostExtension;

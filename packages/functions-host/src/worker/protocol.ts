// The messages between the host and its language worker (a child process over IPC, or a worker
// thread): the few gRPC messages of the real host ↔ Node worker protocol this host needs.
import type {
  CoreFunctionMetadata,
  RpcInvocationRequest,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
} from '../core/types';

/** What the worker needs to start the app (the real host's WorkerInitRequest + FunctionsMetadataRequest). */
export interface WorkerInit {
  type: 'init';
  appRoot: string;
  /** package.json `main`, as written. */
  main: string;
  /** Absolute paths matched by `main`, sorted. */
  entryFiles: string[];
  /** package.json `type`: `module` loads `.js` files with `import()`. */
  packageType: string | undefined;
}

export interface WorkerInvoke {
  type: 'invoke';
  request: RpcInvocationRequest;
}

export interface WorkerTerminate {
  type: 'terminate';
}

export type ToWorker = WorkerInit | WorkerInvoke | WorkerTerminate;

export interface LoadedFunction {
  functionId: string;
  metadata: CoreFunctionMetadata;
}

export interface WorkerLoaded {
  type: 'loaded';
  functions: LoadedFunction[];
  /** `@azure/functions@4.x.y`, or undefined when the app set no programming model. */
  programmingModel: string | undefined;
}

export interface WorkerLoadFailed {
  type: 'load-failed';
  message: string;
}

export interface WorkerLog {
  type: 'log';
  /** Set for logs written during an invocation. */
  invocationId?: string;
  functionName?: string;
  level: RpcLogLevel;
  category: RpcLogCategory;
  message: string;
}

export interface WorkerResult {
  type: 'result';
  invocationId: string;
  response?: RpcInvocationResponse;
  /** The function (or a hook, or the library) failed: its message. */
  error?: string;
}

export interface WorkerTerminated {
  type: 'terminated';
}

export type FromWorker =
  WorkerLoaded | WorkerLoadFailed | WorkerLog | WorkerResult | WorkerTerminated;

// One invocation inside the worker, in the order of azure-functions-nodejs-worker
// src/eventHandlers/InvocationHandler.ts: getInvocationModel → getArguments → preInvocation hooks →
// handler → postInvocation hooks → getResponse. Logs go through the app's log hooks first.
import type { CoreApi, Registration } from '../core/core-api';
import { applyLogHooks, hasHooks, readOnly, runHooks } from '../core/hooks';
import type {
  CoreInvocationContext,
  InvocationState,
  ProgrammingModel,
  RpcInvocationRequest,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
} from '../core/types';
import type { WorkerLog } from './protocol';

export type SendLog = (log: WorkerLog) => void;

export async function invoke(
  core: CoreApi,
  registration: Registration,
  request: RpcInvocationRequest,
  appHookData: Record<string, unknown>,
  sendLog: SendLog,
): Promise<RpcInvocationResponse> {
  const { invocationId } = request;
  const functionName = registration.metadata.name;
  const hookData: Record<string, unknown> = {};
  // The library's InvocationContext, once getArguments has built it (log hooks see it).
  const live: { invocationContext: unknown } = { invocationContext: undefined };
  const coreCtx: CoreInvocationContext = {
    invocationId,
    request,
    metadata: registration.metadata,
    state: undefined as InvocationState | undefined,
    log: (level: RpcLogLevel, category: RpcLogCategory, message: string) => {
      const log = applyLogHooks(
        core,
        { level, category, message },
        { hookData, appHookData, invocationContext: live.invocationContext },
      );
      sendLog({ type: 'log', invocationId, functionName, ...log });
    },
  };
  const model = core.getProgrammingModel() as ProgrammingModel;
  const invocationModel = await model.getInvocationModel(coreCtx);
  const { context, inputs } = await invocationModel.getArguments();
  live.invocationContext = context;
  const shared = { hookData, appHookData, invocationContext: context };
  const pre = { inputs, functionCallback: registration.callback };
  if (hasHooks(core, 'preInvocation')) {
    readOnly(pre, shared);
    coreCtx.state = 'preInvocationHooks';
    await runHooks(core, 'preInvocation', pre).finally(() => (coreCtx.state = undefined));
  }

  let result: unknown = null;
  let error: unknown = null;
  coreCtx.state = 'invocation';
  try {
    result = await invocationModel.invokeFunction(context, pre.inputs, pre.functionCallback);
  } catch (err) {
    error = err;
  } finally {
    coreCtx.state = undefined;
  }
  if (hasHooks(core, 'postInvocation')) {
    const post = readOnly({ inputs: pre.inputs, result, error }, shared);
    coreCtx.state = 'postInvocationHooks';
    await runHooks(core, 'postInvocation', post).finally(() => (coreCtx.state = undefined));
    ({ result, error } = post);
  }
  // Passed on as thrown: the host reports its message.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (error !== null && error !== undefined) throw error;
  return invocationModel.getResponse(context, result);
}

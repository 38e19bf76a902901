// Runs one invocation the way the host does: resolve input bindings, send the invocation to the
// language worker (which runs the library's InvocationModel and the hooks), bounded by
// functionTimeout, then write the output bindings. Every failure is a HostError.
import { randomUUID } from 'node:crypto';

import type {
  RpcInvocationRequest,
  RpcInvocationResponse,
  RpcParameterBinding,
  RpcTypedData,
} from './core/types';
import { bindingError, errorMessage, functionFailed, functionTimeout, HostError } from './errors';
import type {
  FunctionInvoker,
  InputResolver,
  InvocationResult,
  OutputWriter,
  TriggerEvent,
} from './extension';
import type { FunctionDefinition, NamedBinding } from './functions';
import { RETURN_BINDING } from './functions';
import type { HostLogger } from './logger';
import type { LanguageWorker } from './worker/language-worker';

export interface InvokerOptions {
  worker: Pick<LanguageWorker, 'invoke' | 'abandon'>;
  logger: HostLogger;
  timeoutMs: number;
  /** Lower-cased binding type → resolver / writer, from every extension. */
  inputs: Map<string, InputResolver>;
  outputs: Map<string, OutputWriter>;
}

export class Invoker implements FunctionInvoker {
  #inFlight = new Set<Promise<unknown>>();

  constructor(private readonly o: InvokerOptions) {}

  /** Settles when every invocation started so far has finished. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
  }

  async invoke(fn: FunctionDefinition, event: TriggerEvent): Promise<InvocationResult> {
    const run = this.#invoke(fn, event);
    this.#inFlight.add(run);
    try {
      return await run;
    } finally {
      this.#inFlight.delete(run);
    }
  }

  async #invoke(fn: FunctionDefinition, event: TriggerEvent): Promise<InvocationResult> {
    const invocationId = randomUUID();
    const started = performance.now();
    const { logger } = this.o;
    if (logger.enabled('debug'))
      logger.debug(`Executing 'Functions.${fn.name}' (Id=${invocationId})`);
    try {
      const returnValue = await this.#run(fn, event, invocationId);
      logger.info(
        `Executed 'Functions.${fn.name}' (Succeeded, Id=${invocationId}, Duration=${elapsed(started)}ms)`,
      );
      return { invocationId, returnValue };
    } catch (err) {
      const error = err instanceof HostError ? err : functionFailed(fn.name, err);
      logger.error(
        `Executed 'Functions.${fn.name}' (Failed, Id=${invocationId}, Duration=${elapsed(started)}ms)`,
      );
      logger.error(error.message);
      throw error;
    }
  }

  async #run(
    fn: FunctionDefinition,
    event: TriggerEvent,
    invocationId: string,
  ): Promise<RpcTypedData | null | undefined> {
    const inputData: RpcParameterBinding[] = [{ name: fn.trigger.name, data: event.data }];
    for (const binding of fn.inputs) {
      const data = await this.#resolveInput(fn, binding, event);
      if (data !== undefined) inputData.push({ name: binding.name, data });
    }
    const request: RpcInvocationRequest = {
      invocationId,
      functionId: fn.id,
      inputData,
      triggerMetadata: event.triggerMetadata ?? {},
      ...(event.retryContext ? { retryContext: event.retryContext } : {}),
    };
    let response: RpcInvocationResponse;
    try {
      response = await this.#withTimeout(fn, invocationId, this.o.worker.invoke(request));
    } catch (err) {
      if (err instanceof HostError && err.code !== 'HOST_ERR_WORKER_EXITED') throw err;
      throw functionFailed(fn.name, err);
    }
    let returnValue = response.returnValue;
    if (fn.outputs.length === 0) return returnValue;
    const outputs = new Map((response.outputData ?? []).map((o) => [o.name ?? '', o.data]));
    for (const binding of fn.outputs) {
      if (binding.name === RETURN_BINDING) {
        if (binding.type === 'http') continue; // the HTTP trigger writes it
        if (returnValue !== undefined && returnValue !== null)
          await this.#write(fn, binding, returnValue, event);
        returnValue = undefined;
        continue;
      }
      const data = outputs.get(binding.name);
      if (data !== undefined && data !== null) await this.#write(fn, binding, data, event);
    }
    return returnValue;
  }

  async #resolveInput(fn: FunctionDefinition, binding: NamedBinding, event: TriggerEvent) {
    const resolver = this.o.inputs.get(binding.type);
    if (!resolver) throw bindingError(fn.name, binding.name, `no resolver for '${binding.type}'`);
    try {
      return await resolver.resolve(fn, binding, event);
    } catch (err) {
      throw err instanceof HostError
        ? err
        : bindingError(fn.name, binding.name, errorMessage(err), err);
    }
  }

  async #write(
    fn: FunctionDefinition,
    binding: NamedBinding,
    data: RpcTypedData,
    event: TriggerEvent,
  ) {
    const writer = this.o.outputs.get(binding.type);
    if (!writer) throw bindingError(fn.name, binding.name, `no writer for '${binding.type}'`);
    try {
      await writer.write(fn, binding, data, event);
    } catch (err) {
      throw err instanceof HostError
        ? err
        : bindingError(fn.name, binding.name, errorMessage(err), err);
    }
  }

  #withTimeout<T>(fn: FunctionDefinition, invocationId: string, work: Promise<T>): Promise<T> {
    const ms = this.o.timeoutMs;
    if (!Number.isFinite(ms)) return work;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.o.worker.abandon(invocationId);
        reject(functionTimeout(fn.name, ms));
      }, ms);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          // Passed on as thrown: the caller tells a function's error from the host's.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          reject(err);
        },
      );
    });
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

// The queueTrigger binding: queue name and connection are checked at start-up, each function gets
// its own listener once the host runs, and a queue output written by this host wakes the listeners of
// that queue (the extension's SharedQueueWatcher).
import type { QueueClient } from '@azure/storage-queue';

import { configError } from '../errors';
import type { HostServices, TriggerBinder } from '../extension';
import type { FunctionDefinition } from '../functions';
import { QueueListener } from './queue-listener';
import { queueTriggerEvent } from './queue-message';
import { normalizeQueueName, poisonQueueName } from './queue-names';
import type { QueueOptions } from './queue-options';
import { QueueProcessor } from './queue-processor';
import type { StorageAccounts } from './storage-accounts';

interface BoundQueue {
  fn: FunctionDefinition;
  queue: QueueClient;
  poison: QueueClient | undefined;
}

export class QueueTriggers {
  readonly #bound: BoundQueue[] = [];
  /** Listeners by queue URL, so writers can wake them. */
  readonly #listeners = new Map<string, QueueListener[]>();

  constructor(
    private readonly host: HostServices,
    private readonly accounts: StorageAccounts,
    private readonly options: () => QueueOptions,
  ) {}

  readonly binder: TriggerBinder = {
    bind: (fn) => {
      const where = { functionName: fn.name, binding: fn.trigger.name };
      const { queueName, connection } = fn.trigger.options;
      if (typeof queueName !== 'string' || queueName === '') {
        throw configError(`Function '${fn.name}': a queueTrigger needs a queueName.`);
      }
      let name: string;
      try {
        name = normalizeQueueName(queueName);
      } catch (err) {
        throw configError(`Function '${fn.name}': ${(err as Error).message}`);
      }
      this.options(); // host.json problems surface at start-up
      const service = this.accounts.queueService(this.accounts.resolve(connection, 'queue', where));
      const poisonName = poisonQueueName(name);
      this.#bound.push({
        fn,
        queue: service.getQueueClient(name),
        poison: poisonName === undefined ? undefined : service.getQueueClient(poisonName),
      });
    },
    describe: (fn) => `queueTrigger: ${this.#bound.find((b) => b.fn === fn)?.queue.name ?? ''}`,
  };

  start(): void {
    if (this.#bound.length === 0) return;
    const options = this.options();
    for (const { fn, queue, poison } of this.#bound) {
      const processor = new QueueProcessor({
        queue,
        poison,
        options,
        logger: this.host.logger,
        invoke: async (message, body) => {
          try {
            await this.host.invoker.invoke(fn, queueTriggerEvent(message, body));
            return true;
          } catch {
            return false; // the invoker has logged the failure
          }
        },
        onPoisoned: (poisonQueue) => this.notify(poisonQueue.url),
      });
      const listener = new QueueListener(queue, processor, options, this.host.logger);
      const list = this.#listeners.get(queue.url) ?? [];
      list.push(listener);
      this.#listeners.set(queue.url, list);
      listener.start();
    }
  }

  notify(queueUrl: string): void {
    for (const listener of this.#listeners.get(queueUrl) ?? []) listener.notify();
  }

  async stop(): Promise<void> {
    const all = [...this.#listeners.values()].flat();
    this.#listeners.clear();
    await Promise.all(all.map((l) => l.stop()));
  }
}

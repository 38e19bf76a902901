// Polls one queue for one function like the Storage extension's QueueListener: batches of
// `batchSize`, a new batch as soon as in-flight messages drop to `newBatchThreshold`, randomized
// exponential backoff up to `maxPollingInterval` while the queue is empty, and an immediate poll when
// this host adds a message to the queue.
import type { QueueClient } from '@azure/storage-queue';

import { errorMessage } from '../errors';
import type { HostLogger } from '../logger';
import { Backoff } from './backoff';
import type { ReceivedMessage } from './queue-message';
import type { QueueOptions } from './queue-options';
import { MIN_POLLING_INTERVAL_MS } from './queue-options';
import type { QueueProcessor } from './queue-processor';
import { LEASE_SECONDS } from './queue-processor';

export class QueueListener {
  readonly #processing = new Set<Promise<void>>();
  readonly #backoff: Backoff;
  /** Cancels a poll in progress on stop, as the extension cancels its receive. */
  readonly #abort = new AbortController();
  #stopped = false;
  #notified = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #queueReady = false;
  #failing = false;

  constructor(
    private readonly queue: QueueClient,
    private readonly processor: QueueProcessor,
    private readonly options: QueueOptions,
    private readonly logger: HostLogger,
  ) {
    this.#backoff = new Backoff(MIN_POLLING_INTERVAL_MS, options.maxPollingIntervalMs);
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** A message was just added to this queue: stop waiting and poll. */
  notify(): void {
    this.#notified = true;
    this.#wake?.();
  }

  /** Stops polling and waits for the messages in flight to be finished (deleted or released). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#wake?.();
    await this.#loop;
    while (this.#processing.size > 0) await Promise.allSettled([...this.#processing]);
  }

  async #run(): Promise<void> {
    let foundSinceDelay = false;
    while (!this.#stopped) {
      this.#notified = false;
      const batch = await this.#receive();
      if (this.#stopped) {
        // Received while stopping: hand the messages straight back rather than start new work.
        await Promise.all(batch.map((m) => this.processor.release(m, m.popReceipt)));
        break;
      }
      if (batch.length > 0) {
        foundSinceDelay = true;
        for (const message of batch) this.#track(this.processor.process(message));
        await this.#waitForNewBatchThreshold();
        continue;
      }
      const delay = this.#backoff.next(foundSinceDelay);
      foundSinceDelay = false;
      await this.#wait(delay);
    }
  }

  async #receive(): Promise<ReceivedMessage[]> {
    try {
      const abortSignal = this.#abort.signal;
      if (!this.#queueReady) {
        await this.queue.createIfNotExists({ abortSignal });
        this.#queueReady = true;
      }
      const response = await this.queue.receiveMessages({
        numberOfMessages: this.options.batchSize,
        visibilityTimeout: LEASE_SECONDS,
        abortSignal,
      });
      this.#failing = false;
      return response.receivedMessageItems;
    } catch (err) {
      if (this.#stopped) return [];
      // Azurite down or the queue deleted under us: check the queue again and back off. Said
      // once per outage, not at every poll.
      this.#queueReady = false;
      const message = `Polling queue '${this.queue.name}' failed: ${errorMessage(err)}`;
      if (this.#failing) this.logger.debug(message);
      else this.logger.warn(message);
      this.#failing = true;
      return [];
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work.catch((err: unknown) => {
      this.logger.error(
        `Processing a message from '${this.queue.name}' failed: ${errorMessage(err)}`,
      );
    });
    this.#processing.add(tracked);
    void tracked.finally(() => this.#processing.delete(tracked));
  }

  async #waitForNewBatchThreshold(): Promise<void> {
    while (this.#processing.size > this.options.newBatchThreshold && !this.#stopped) {
      await Promise.race([...this.#processing]);
    }
  }

  #wait(ms: number): Promise<void> {
    if (this.#notified || this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}

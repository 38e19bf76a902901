// What happens to one received message, as in the Storage extension's QueueProcessor: it stays
// invisible while the function runs (renewed halfway through its lease), is deleted only after a
// success, is released for another try after a failure, and goes to the poison queue only after the
// last allowed failure. A message is never deleted before it is safely somewhere else.
import type { QueueClient } from '@azure/storage-queue';

import { errorMessage } from '../errors';
import type { HostLogger } from '../logger';
import type { ReceivedMessage } from './queue-message';
import { decodeMessage } from './queue-message';
import type { QueueOptions } from './queue-options';
import { sendCreatingQueue } from './queue-send';
import { isNotFound } from './storage-errors';

/** The lease a receive takes; the listener renews it while the function runs. */
export const LEASE_SECONDS = 600;
const RENEW_AFTER_MS = (LEASE_SECONDS * 1000) / 2;

export interface QueueProcessorOptions {
  queue: QueueClient;
  /** undefined for queues that have no poison queue (failed messages then stay invisible). */
  poison: QueueClient | undefined;
  options: QueueOptions;
  logger: HostLogger;
  /** Runs the function; resolves false when the invocation failed. */
  invoke(message: ReceivedMessage, body: string): Promise<boolean>;
  /** A message was added to this poison queue (its listeners, if any, poll at once). */
  onPoisoned(poison: QueueClient): void;
}

export class QueueProcessor {
  constructor(private readonly o: QueueProcessorOptions) {}

  async process(message: ReceivedMessage): Promise<void> {
    const { options } = this.o;
    const body = decodeMessage(message.messageText, options.messageEncoding);
    if (body === undefined) {
      await this.#poison(message, message.popReceipt, 'Message is not valid base64.');
      return;
    }
    if (message.dequeueCount > options.maxDequeueCount) {
      await this.#poison(message, message.popReceipt, this.#maxReached());
      return;
    }
    const lease = this.#keepInvisible(message);
    const succeeded = await this.o.invoke(message, body).finally(lease.stop);
    const popReceipt = lease.popReceipt();
    if (succeeded) {
      await this.#delete(message, popReceipt);
    } else if (!this.o.poison) {
      // Left invisible until its lease ends, as the extension does, to avoid a hot retry loop.
    } else if (message.dequeueCount >= options.maxDequeueCount) {
      await this.#poison(message, popReceipt, this.#maxReached());
    } else {
      await this.release(message, popReceipt, options.visibilityTimeoutMs);
    }
  }

  /** Makes a message visible again after `delayMs` (also used for batches received while stopping). */
  async release(message: ReceivedMessage, popReceipt: string, delayMs = 0): Promise<void> {
    try {
      await this.o.queue.updateMessage(
        message.messageId,
        popReceipt,
        undefined,
        Math.ceil(delayMs / 1000),
      );
    } catch (err) {
      this.#ignoreGone(err, 'release', message);
    }
  }

  async #poison(message: ReceivedMessage, popReceipt: string, reason: string): Promise<void> {
    const { poison, logger } = this.o;
    if (!poison) return;
    logger.warn(`${reason} Moving message '${message.messageId}' to queue '${poison.name}'.`);
    // Copied as stored (already encoded), then deleted: a crash in between duplicates, never loses.
    await sendCreatingQueue(poison, message.messageText);
    this.o.onPoisoned(poison);
    await this.#delete(message, popReceipt);
  }

  async #delete(message: ReceivedMessage, popReceipt: string): Promise<void> {
    try {
      await this.o.queue.deleteMessage(message.messageId, popReceipt);
    } catch (err) {
      this.#ignoreGone(err, 'delete', message);
    }
  }

  #maxReached(): string {
    return `Message has reached MaxDequeueCount of ${this.o.options.maxDequeueCount}.`;
  }

  #keepInvisible(message: ReceivedMessage) {
    let popReceipt = message.popReceipt;
    let timer: NodeJS.Timeout | undefined;
    let renewing: Promise<void> = Promise.resolve();
    const schedule = () => {
      timer = setTimeout(() => {
        renewing = this.o.queue
          .updateMessage(message.messageId, popReceipt, undefined, LEASE_SECONDS)
          .then(
            (r) => {
              popReceipt = r.popReceipt ?? popReceipt;
              if (timer) schedule();
            },
            (err: unknown) =>
              this.o.logger.warn(`Could not extend the lease: ${errorMessage(err)}`),
          );
      }, RENEW_AFTER_MS);
    };
    schedule();
    return {
      popReceipt: () => popReceipt,
      /** Waits for a renewal in flight: its new pop receipt is the one that deletes. */
      stop: async () => {
        clearTimeout(timer);
        timer = undefined;
        await renewing;
      },
    };
  }

  #ignoreGone(err: unknown, what: string, message: ReceivedMessage): void {
    // Someone else took the message over, or it (or its queue) is gone: nothing left to do.
    const status = (err as { statusCode?: number }).statusCode;
    if (isNotFound(err) || status === 400) {
      this.o.logger.debug(`Could not ${what} message '${message.messageId}': ${errorMessage(err)}`);
      return;
    }
    this.o.logger.error(`Could not ${what} message '${message.messageId}': ${errorMessage(err)}`);
  }
}

// The polling loop with a scripted fake queue: batches up to batchSize, a new batch only once
// in-flight work is down to newBatchThreshold, polls on notify, and a stop that cancels the poll in
// progress and waits for the messages being processed.
import type { QueueClient } from '@azure/storage-queue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { consoleHostLogger } from '../../../../packages/functions-host/src/logger';
import { QueueListener } from '../../../../packages/functions-host/src/storage/queue-listener';
import type { ReceivedMessage } from '../../../../packages/functions-host/src/storage/queue-message';
import type { QueueOptions } from '../../../../packages/functions-host/src/storage/queue-options';
import type { QueueProcessor } from '../../../../packages/functions-host/src/storage/queue-processor';

const silent = consoleHostLogger('silent');
const options: QueueOptions = {
  batchSize: 2,
  newBatchThreshold: 1,
  maxPollingIntervalMs: 60_000,
  visibilityTimeoutMs: 0,
  maxDequeueCount: 5,
  messageEncoding: 'base64',
};
const msg = (id: string) => ({ messageId: id, popReceipt: 'r' }) as ReceivedMessage;

function setup(batches: ReceivedMessage[][]) {
  const polls: number[] = [];
  const finish = new Map<string, () => void>();
  const queue = {
    name: 'work',
    createIfNotExists: () => Promise.resolve({}),
    receiveMessages: ({ numberOfMessages }: { numberOfMessages: number }) => {
      polls.push(numberOfMessages);
      return Promise.resolve({ receivedMessageItems: batches.shift() ?? [] });
    },
  } as unknown as QueueClient;
  const processor = {
    process: (m: ReceivedMessage) =>
      new Promise<void>((resolve) => finish.set(m.messageId, resolve)),
    release: () => Promise.resolve(),
  } as unknown as QueueProcessor;
  return { listener: new QueueListener(queue, processor, options, silent), polls, finish };
}

describe('QueueListener', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for batchSize messages and polls again only at newBatchThreshold', async () => {
    const { listener, polls, finish } = setup([[msg('a'), msg('b')], [msg('c')]]);
    listener.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toEqual([2]); // a and b in flight: more than the threshold of 1
    finish.get('a')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toEqual([2, 2]); // c arrives: b and c in flight again
    finish.get('b')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(3); // the queue is empty now: back off
    await vi.advanceTimersByTimeAsync(50);
    expect(polls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(50);
    expect(polls).toHaveLength(4); // after the minimum interval of 100 ms
    finish.get('c')?.();
    await listener.stop();
  });

  it('polls at once when notified that a message was added', async () => {
    const { listener, polls } = setup([]);
    listener.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(1);
    listener.notify();
    await vi.advanceTimersByTimeAsync(0);
    expect(polls).toHaveLength(2);
    await listener.stop();
  });

  it('stop() waits for messages in flight and polls no more', async () => {
    const { listener, polls, finish } = setup([[msg('a')]]);
    listener.start();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = listener.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stopped).toBe(false);
    finish.get('a')?.();
    await stopping;
    const count = polls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(polls).toHaveLength(count);
  });

  it('stop() cancels a poll in progress', async () => {
    const queue = {
      name: 'work',
      createIfNotExists: () => Promise.resolve({}),
      receiveMessages: ({ abortSignal }: { abortSignal: AbortSignal }) =>
        new Promise((_, reject) =>
          abortSignal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    } as unknown as QueueClient;
    const listener = new QueueListener(queue, {} as QueueProcessor, options, silent);
    listener.start();
    await vi.advanceTimersByTimeAsync(0);
    await expect(listener.stop()).resolves.toBeUndefined();
  });
});

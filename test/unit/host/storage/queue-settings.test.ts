// host.json queue options, queue names and the listener's backoff.
import { describe, expect, it } from 'vitest';

import type { HostJson } from '../../../../packages/functions-host/src/app-config';
import { Backoff } from '../../../../packages/functions-host/src/storage/backoff';
import {
  normalizeQueueName,
  poisonQueueName,
} from '../../../../packages/functions-host/src/storage/queue-names';
import { queueOptions } from '../../../../packages/functions-host/src/storage/queue-options';

const hostJson = (queues: Record<string, unknown>) =>
  ({ version: '2.0', extensions: { queues } }) as unknown as HostJson;

describe('queueOptions', () => {
  it('applies the extension defaults', () => {
    expect(queueOptions({ version: '2.0' }, 4)).toEqual({
      batchSize: 16,
      newBatchThreshold: 32,
      maxPollingIntervalMs: 60_000,
      visibilityTimeoutMs: 0,
      maxDequeueCount: 5,
      messageEncoding: 'base64',
    });
  });

  it('reads host.json values', () => {
    const options = queueOptions(
      hostJson({
        batchSize: 4,
        newBatchThreshold: 1,
        maxPollingInterval: '00:00:02',
        visibilityTimeout: '00:00:30',
        maxDequeueCount: 2,
        messageEncoding: 'None',
      }),
      1,
    );
    expect(options).toEqual({
      batchSize: 4,
      newBatchThreshold: 1,
      maxPollingIntervalMs: 2000,
      visibilityTimeoutMs: 30_000,
      maxDequeueCount: 2,
      messageEncoding: 'none',
    });
  });

  it('rejects a polling interval under 100 ms and an unknown encoding', () => {
    expect(() => queueOptions(hostJson({ maxPollingInterval: '00:00:00.050' }))).toThrow(
      'must not be less than',
    );
    expect(() => queueOptions(hostJson({ messageEncoding: 'utf8' }))).toThrow('messageEncoding');
  });
});

describe('queue names', () => {
  it('lower-cases valid names and explains invalid ones', () => {
    expect(normalizeQueueName('My-Queue1')).toBe('my-queue1');
    expect(() => normalizeQueueName('ab')).toThrow('from 3 to 63 characters');
    expect(() => normalizeQueueName('-abc')).toThrow('may not be the first or last');
    expect(() => normalizeQueueName('a--b')).toThrow('consecutive dash');
    expect(() => normalizeQueueName('a_b')).toThrow('only letters, numbers, and dash');
  });

  it('has no poison queue for poison queues and names that would grow too long', () => {
    expect(poisonQueueName('orders')).toBe('orders-poison');
    expect(poisonQueueName('orders-poison')).toBeUndefined();
    expect(poisonQueueName('q'.repeat(60))).toBeUndefined();
  });
});

describe('Backoff', () => {
  it('grows from the minimum while polls find nothing and resets when they do', () => {
    const backoff = new Backoff(100, 1000, () => 0.5); // no jitter
    expect([1, 2, 3, 4, 5].map(() => backoff.next(false))).toEqual([100, 200, 300, 500, 900]);
    expect(backoff.next(false)).toBe(1000);
    expect(backoff.next(false)).toBe(1000);
    expect(backoff.next(true)).toBe(100);
    expect(backoff.next(false)).toBe(200);
  });
});

// host.json `extensions.queues` with the Storage extension's defaults and limits (QueuesOptions).
import { availableParallelism } from 'node:os';

import type { HostJson } from '../app-config';
import { timeSpanMs } from '../app-config';
import { configError } from '../errors';

export type MessageEncoding = 'base64' | 'none';

export interface QueueOptions {
  batchSize: number;
  /** Fetch a new batch once in-flight messages drop to this many. */
  newBatchThreshold: number;
  maxPollingIntervalMs: number;
  /** How long a failed message stays invisible before its next try. */
  visibilityTimeoutMs: number;
  maxDequeueCount: number;
  messageEncoding: MessageEncoding;
}

/** The listener never polls an empty queue more often than this (QueuePollingIntervals.Minimum). */
export const MIN_POLLING_INTERVAL_MS = 100;
const DEFAULT_MAX_POLLING_INTERVAL_MS = 60_000;

export function queueOptions(
  hostJson: HostJson,
  processorCount = availableParallelism(),
): QueueOptions {
  const queues = hostJson.extensions?.queues;
  const batchSize = queues?.batchSize ?? 16;
  const maxPollingIntervalMs = timeSpanMs(
    queues?.maxPollingInterval,
    DEFAULT_MAX_POLLING_INTERVAL_MS,
  );
  if (maxPollingIntervalMs < MIN_POLLING_INTERVAL_MS) {
    throw configError(
      'host.json: extensions.queues.maxPollingInterval must not be less than 00:00:00.1000000.',
    );
  }
  return {
    batchSize,
    // The extension's default: half a batch per processor.
    newBatchThreshold: queues?.newBatchThreshold ?? Math.floor(batchSize / 2) * processorCount,
    maxPollingIntervalMs,
    visibilityTimeoutMs: timeSpanMs(queues?.visibilityTimeout, 0),
    maxDequeueCount: queues?.maxDequeueCount ?? 5,
    messageEncoding: encodingOf(queues?.['messageEncoding']),
  };
}

function encodingOf(value: unknown): MessageEncoding {
  if (value === undefined) return 'base64';
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  if (lower === 'base64' || lower === 'none') return lower;
  throw configError(
    `host.json: extensions.queues.messageEncoding must be "base64" or "none", not ${JSON.stringify(value)}.`,
  );
}

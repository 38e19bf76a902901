// One message's fate, with a recording fake queue: deleted after success, released after a failure,
// copied to the poison queue before it is deleted after the last allowed failure.
import type { QueueClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';

import { consoleHostLogger } from '../../../../packages/functions-host/src/logger';
import type { ReceivedMessage } from '../../../../packages/functions-host/src/storage/queue-message';
import type { QueueOptions } from '../../../../packages/functions-host/src/storage/queue-options';
import { QueueProcessor } from '../../../../packages/functions-host/src/storage/queue-processor';

const options: QueueOptions = {
  batchSize: 16,
  newBatchThreshold: 8,
  maxPollingIntervalMs: 1000,
  visibilityTimeoutMs: 30_000,
  maxDequeueCount: 3,
  messageEncoding: 'base64',
};
const silent = consoleHostLogger('silent');

function fakeQueue(name: string, log: string[]): QueueClient {
  return {
    name,
    url: `http://q/${name}`,
    sendMessage: (text: string) => {
      log.push(`${name}: send ${text}`);
      return Promise.resolve({});
    },
    createIfNotExists: () => Promise.resolve({}),
    deleteMessage: (id: string, receipt: string) => {
      log.push(`${name}: delete ${id} ${receipt}`);
      return Promise.resolve({});
    },
    updateMessage: (id: string, receipt: string, _text: unknown, seconds: number) => {
      log.push(`${name}: release ${id} ${receipt} after ${seconds}s`);
      return Promise.resolve({ popReceipt: 'renewed' });
    },
  } as unknown as QueueClient;
}

function received(
  dequeueCount: number,
  messageText = Buffer.from('body').toString('base64'),
): ReceivedMessage {
  const now = new Date();
  return {
    messageId: 'm1',
    popReceipt: 'r1',
    messageText,
    dequeueCount,
    insertedOn: now,
    expiresOn: now,
    nextVisibleOn: now,
  };
}

async function run(message: ReceivedMessage, succeeds: boolean, withPoison = true) {
  const log: string[] = [];
  const bodies: string[] = [];
  const processor = new QueueProcessor({
    queue: fakeQueue('work', log),
    poison: withPoison ? fakeQueue('work-poison', log) : undefined,
    options,
    logger: silent,
    invoke: (_m, body) => {
      bodies.push(body);
      return Promise.resolve(succeeds);
    },
    onPoisoned: (q) => log.push(`notified ${q.name}`),
  });
  await processor.process(message);
  return { log, bodies };
}

describe('QueueProcessor', () => {
  it('hands the decoded body to the function and deletes the message after a success', async () => {
    expect(await run(received(1), true)).toEqual({ bodies: ['body'], log: ['work: delete m1 r1'] });
  });

  it('makes a failed message visible again after visibilityTimeout', async () => {
    expect((await run(received(2), false)).log).toEqual(['work: release m1 r1 after 30s']);
  });

  it('copies the message to the poison queue, then deletes it, after the last allowed failure', async () => {
    const text = received(3).messageText;
    expect((await run(received(3), false)).log).toEqual([
      `work-poison: send ${text}`,
      'notified work-poison',
      'work: delete m1 r1',
    ]);
  });

  it('poisons a message already dequeued too often without running the function', async () => {
    const { log, bodies } = await run(received(4), true);
    expect(bodies).toEqual([]);
    expect(log[0]).toMatch(/^work-poison: send /);
  });

  it('poisons a message that is not base64, keeping its text', async () => {
    const { log, bodies } = await run(received(1, 'not base64!'), true);
    expect(bodies).toEqual([]);
    expect(log).toEqual([
      'work-poison: send not base64!',
      'notified work-poison',
      'work: delete m1 r1',
    ]);
  });

  it('leaves a failed message invisible when the queue has no poison queue', async () => {
    expect((await run(received(3), false, false)).log).toEqual([]);
  });
});

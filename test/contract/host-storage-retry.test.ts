// Failed queue messages on the offline host: retried until maxDequeueCount (3 in the test app), then
// moved to `<queue>-poison` with their body unchanged; concurrent failures and successes lose nothing.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  base64,
  findEntity,
  peekBodies,
  queueClient,
  tableClient,
  useAzurite,
} from '../setup/azurite';
import { eventually } from '../setup/eventually';
import { REPO_ROOT, useHost } from '../setup/host';

const STORAGE_APP = path.join(REPO_ROOT, 'test/fixtures/storage-app');
const azurite = useAzurite();
const host = useHost(() => ({
  app: STORAGE_APP,
  settings: { AzureWebJobsStorage: azurite().connectionString },
}));

async function sendFlaky(...messages: object[]): Promise<void> {
  const flaky = queueClient(azurite(), 'flaky');
  await flaky.createIfNotExists();
  await Promise.all(messages.map((m) => flaky.sendMessage(base64(JSON.stringify(m)))));
}

async function poisonBodies(): Promise<string[]> {
  return peekBodies(queueClient(azurite(), 'flaky-poison'));
}

describe('queue retries and poison messages', () => {
  it('retries a failing message and completes it on a later attempt', async () => {
    await sendFlaky({ key: 'third-time-lucky', succeedOn: 3 });
    const done = tableClient(azurite(), 'flakyDone');
    let entity: Record<string, unknown> | undefined;
    await eventually(
      async () => (entity = await findEntity(done, 'done', 'third-time-lucky')) !== undefined,
      'the third attempt to succeed',
      15_000,
      50,
    );
    expect(entity?.attempts).toBe(3n);
    expect(await poisonBodies()).not.toContainEqual(expect.stringContaining('third-time-lucky'));
  });

  it('moves a message to the poison queue after maxDequeueCount failures, body unchanged', async () => {
    const message = { key: 'always-fails', fail: 'always' };
    await sendFlaky(message);
    await eventually(
      async () => (await poisonBodies()).includes(JSON.stringify(message)),
      'the message in flaky-poison',
      15_000,
      50,
    );
    const done = tableClient(azurite(), 'flakyDone');
    expect(await findEntity(done, 'done', 'always-fails')).toBeUndefined();
    // Tried exactly maxDequeueCount times (the function logs each failure).
    expect(host().output()).toContain('failing attempt 3 of always-fails');
    expect(host().output()).not.toContain('failing attempt 4 of always-fails');
  });

  it('loses nothing when many messages fail and succeed concurrently', async () => {
    const good = Array.from({ length: 12 }, (_, i) => ({
      key: `good-${i}`,
      succeedOn: 1 + (i % 3),
    }));
    const bad = Array.from({ length: 8 }, (_, i) => ({ key: `bad-${i}`, fail: 'always' }));
    await sendFlaky(...good, ...bad);
    const done = tableClient(azurite(), 'flakyDone');
    const badBodies = bad.map((m) => JSON.stringify(m));
    await eventually(
      async () => {
        const poisoned = await poisonBodies();
        if (!badBodies.every((b) => poisoned.includes(b))) return false;
        const found = await Promise.all(good.map((m) => findEntity(done, 'done', m.key)));
        return found.every((e) => e !== undefined);
      },
      'every good message done and every bad one poisoned',
      20_000,
      100,
    );
    const poisoned = await poisonBodies();
    // Each bad message is in the poison queue exactly once, and no good one is.
    for (const body of badBodies) expect(poisoned.filter((p) => p === body)).toHaveLength(1);
    expect(poisoned.filter((p) => p.includes('good-'))).toEqual([]);
    const flaky = queueClient(azurite(), 'flaky');
    await eventually(
      async () => (await flaky.getProperties()).approximateMessagesCount === 0,
      'the flaky queue to be empty',
      10_000,
      50,
    );
  });
});

// The dashboard end to end on the local stack: items dropped on the queue (with the storage SDK's
// defaults: plain text) reach connected clients through the queue trigger's webPubSub output;
// the heartbeat timer reaches them too. No event handler is involved.
const assert = require('node:assert/strict');
const path = require('node:path');
const { after, afterEach, before, describe, it } = require('node:test');

const { QueueClient } = require('@azure/storage-queue');
const { startLocalStack } = require('@wps-local/test-kit');

const APP_DIR = path.join(__dirname, '..');

let stack;
let updates;
before(async () => {
  stack = await startLocalStack({
    appDir: APP_DIR,
    // The hub has no trigger to name it: say which one `service` and `connect()` use.
    hub: 'dashboard',
    // A heartbeat every second instead of every minute.
    settings: { HEARTBEAT_SCHEDULE: '* * * * * *' },
  });
  updates = new QueueClient(stack.connectionStrings.storage, 'dashboard-updates');
  await updates.createIfNotExists();
});
after(() => stack?.close());
afterEach(() => stack.reset());

// @azure/web-pubsub-client 1.0.4 leaves its keep-alive timers (20 s, 40 s) running after stop(),
// which holds the test process open that long: these short-lived clients need no keep-alive.
const client = { keepAliveIntervalInMs: 0, keepAliveTimeoutInMs: 0 };
const viewer = (userId, groups) => stack.connect({ userId, groups, client });

let items = 0;
/** Drops an update on the queue as plain JSON text (the SDK's default: no base64). */
async function drop(update) {
  const item = { metric: `metric-${++items}`, ...update };
  await updates.sendMessage(JSON.stringify(item));
  return item;
}

/** Waits for the update about `metric` at one client. */
const update = (viewer, metric) =>
  viewer
    .until(
      () => viewer.messages.find((m) => m.data?.type === 'update' && m.data.metric === metric),
      `the update about ${metric}`,
      10_000,
    )
    .then((m) => m.data);

/** Checks `probe` until it answers, at most `timeoutMs`. */
async function poll(probe, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('dashboard', { timeout: 60_000 }, () => {
  it('pushes each queue item to every connected client', async () => {
    const negotiated = await stack.connect({ negotiate: 'api/negotiate?userId=wall', client });
    const [ann, ben] = await Promise.all([viewer('ann'), viewer('ben')]);
    const { metric } = await drop({ value: 42 });
    for (const client of [negotiated, ann, ben]) {
      const got = await update(client, metric);
      assert.equal(got.value, 42);
    }
  });

  it('pushes an item with a board to that board group only', async () => {
    const [sales, other] = await Promise.all([viewer('sid', ['sales']), viewer('olga')]);
    const forSales = await drop({ value: 7, board: 'sales' });
    assert.deepEqual(await update(sales, forSales.metric), {
      type: 'update',
      metric: forSales.metric,
      value: 7,
    });
    // Pushed after the first reached its group: `other` would have had the first by then.
    const forAll = await drop({ value: 8 });
    await update(other, forAll.metric);
    assert.equal(
      other.messages.find((m) => m.data?.metric === forSales.metric),
      undefined,
    );
  });

  it('moves an item that is no update to the poison queue, as sent', async () => {
    await updates.sendMessage('not json at all');
    const poison = new QueueClient(stack.connectionStrings.storage, 'dashboard-updates-poison');
    const [message] = await poll(async () => {
      if (!(await poison.exists())) return undefined;
      const { peekedMessageItems } = await poison.peekMessages();
      return peekedMessageItems.length ? peekedMessageItems : undefined;
    }, 'the poison queue');
    assert.equal(message.messageText, 'not json at all');
  });

  it('sends a heartbeat on the timer to everyone', async () => {
    const ann = await viewer('ann');
    const beat = await ann.until(
      () => ann.messages.find((m) => m.data?.type === 'heartbeat'),
      'a heartbeat',
      10_000,
    );
    assert.equal(Number.isNaN(Date.parse(beat.data.at)), false);
  });
});

// The chat end to end on the local stack (Azurite, the Web PubSub emulator, the offline Functions
// host running this folder), driven by the official client SDK as different users.
const assert = require('node:assert/strict');
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const { after, afterEach, before, describe, it } = require('node:test');

const { startLocalStack } = require('@wps-local/test-kit');

const APP_DIR = path.join(__dirname, '..');

let stack;
before(async () => {
  stack = await startLocalStack({ appDir: APP_DIR });
});
after(() => stack?.close());
afterEach(() => stack.reset());

let users = 0;
/** A user id no other test uses, so a test never sees another's messages. */
const uniqueUser = (name) => `${name}-${++users}`;

// @azure/web-pubsub-client 1.0.4 leaves its keep-alive timers (20 s, 40 s) running after stop(),
// which holds the test process open that long: these short-lived clients need no keep-alive.
const client = { keepAliveIntervalInMs: 0, keepAliveTimeoutInMs: 0 };

/** Connects through the app's own negotiate route, as the page does. */
const join = (userId) => stack.connect({ negotiate: `api/negotiate?userId=${userId}`, client });

/** Waits for a chat line (`{ from, text, ... }`) that matches. */
const line = (client, from, text) =>
  client
    .until(
      () => client.messages.find((m) => m.data?.from === from && m.data?.text === text),
      `"[${from}] ${text}"`,
    )
    .then((m) => m.data);

/** The HTTP status a plain WebSocket upgrade to `url` gets (101 when accepted). */
function upgradeStatus(url) {
  return new Promise((resolve, reject) => {
    const request = http.get(url.replace(/^ws/, 'http'), {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
      signal: AbortSignal.timeout(5000),
    });
    request.on('response', (res) => (res.resume(), resolve(res.statusCode)));
    request.on('upgrade', (res, socket) => (socket.destroy(), resolve(res.statusCode)));
    request.on('error', reject);
  });
}

describe('simplechat', { timeout: 60_000 }, () => {
  it('negotiates a client URL for the hub and the user', async () => {
    const userId = uniqueUser('alice');
    const res = await fetch(`${stack.apiUrl}negotiate?userId=${userId}`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.match(body.url, /^ws:\/\/localhost:\d+\/client\/hubs\/simplechat\?access_token=/);
    assert.equal(typeof body.accessToken, 'string');
    const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
    assert.equal(claims.sub, userId);
  });

  it('tells everyone who joined and who left', async () => {
    const alice = await join(uniqueUser('alice'));
    const bobId = uniqueUser('bob');
    const bob = await join(bobId);
    await line(alice, 'system', `${bobId} joined`);
    await line(bob, 'system', `${bobId} joined`);
    await bob.stop();
    await line(alice, 'system', `${bobId} left`);
  });

  it('sends a message to everyone, signed with the sender', async () => {
    const aliceId = uniqueUser('alice');
    const alice = await join(aliceId);
    const bob = await join(uniqueUser('bob'));
    await alice.client.sendEvent('message', 'hello everyone', 'text');
    for (const client of [alice, bob]) {
      assert.deepEqual(await line(client, aliceId, 'hello everyone'), {
        from: aliceId,
        text: 'hello everyone',
      });
    }
  });

  it('whispers to one user only, and replies to the sender', async () => {
    const [aliceId, bobId] = [uniqueUser('alice'), uniqueUser('bob')];
    const [alice, bob, carol] = await Promise.all([
      join(aliceId),
      join(bobId),
      join(uniqueUser('carol')),
    ]);
    await alice.client.sendEvent('whisper', { to: bobId, text: 'psst' }, 'json');
    const whisper = { from: aliceId, text: 'psst', to: bobId, private: true };
    assert.deepEqual(await line(bob, aliceId, 'psst'), whisper);
    assert.deepEqual(await line(alice, aliceId, 'psst'), whisper); // the event's reply
    // A later line to everyone reaches carol after any whisper would have.
    await alice.client.sendEvent('message', 'done', 'text');
    await line(carol, aliceId, 'done');
    assert.equal(
      carol.messages.find((m) => m.data?.text === 'psst'),
      undefined,
    );
  });

  it('joins a room: the room hears of it, others do not', async () => {
    const [aliceId, bobId] = [uniqueUser('alice'), uniqueUser('bob')];
    const room = `kitchen-${users}`;
    const [alice, bob, carol] = await Promise.all([
      join(aliceId),
      join(bobId),
      join(uniqueUser('carol')),
    ]);
    await alice.client.sendEvent('join', room, 'text');
    await alice.until(
      () => alice.messages.find((m) => m.data === `joined #${room}`),
      'the reply to join',
    );
    await line(alice, 'system', `${aliceId} joined #${room}`);
    await bob.client.sendEvent('join', room, 'text');
    await line(alice, 'system', `${bobId} joined #${room}`);
    await line(bob, 'system', `${bobId} joined #${room}`);
    const members = [];
    for await (const member of await stack.service.group(room).listConnections()) {
      members.push(member.userId);
    }
    assert.deepEqual(members.sort(), [aliceId, bobId].sort());
    await bob.client.sendEvent('message', 'done', 'text');
    await line(carol, bobId, 'done');
    assert.equal(
      carol.messages.find((m) => m.data?.text?.includes(`#${room}`)),
      undefined,
    );
  });

  it('loses nothing when a link is cut: the reliable client recovers', async () => {
    const aliceId = uniqueUser('alice');
    const alice = await join(aliceId);
    const bob = await join(uniqueUser('bob'));
    const before = alice.connected.length;
    // A network cut: the connection drops with no close frame (the inspector's fault).
    assert.equal((await stack.faults.dropConnection({ userId: aliceId })).length, 1);
    for (const text of ['one', 'two', 'three']) {
      await bob.client.sendEvent('message', text, 'text');
    }
    for (const text of ['one', 'two', 'three']) await line(alice, bob.connected[0].userId, text);
    // The same connection came back (recovered, not a new one), and nothing arrived twice.
    assert.equal(alice.connected.length, before);
    const texts = alice.messages.map((m) => m.data?.text).filter(Boolean);
    assert.deepEqual(
      texts.filter((t) => ['one', 'two', 'three'].includes(t)),
      ['one', 'two', 'three'],
    );
  });

  it('tells the sender when the message handler fails, and recovers when it is back', async () => {
    const aliceId = uniqueUser('alice');
    const alice = await join(aliceId);
    const bob = await join(uniqueUser('bob'));
    // The app's message function fails (the inspector makes the upstream call answer 500).
    await stack.faults.upstream({ event: 'message', status: 500 });
    await assert.rejects(alice.client.sendEvent('message', 'lost', 'text'));
    await stack.faults.clear();
    await alice.client.sendEvent('message', 'back', 'text');
    await line(bob, aliceId, 'back');
    assert.equal(
      bob.messages.find((m) => m.data?.text === 'lost'),
      undefined,
    );
  });

  it('refuses anonymous and banned users with 401', async () => {
    const anonymous = await stack.service.getClientAccessToken(); // a token without a user
    assert.equal(await upgradeStatus(anonymous.url), 401);
    const banned = await stack.negotiate('api/negotiate?userId=mallory'); // BANNED_USERS
    assert.equal(await upgradeStatus(banned), 401);
    await assert.rejects(stack.connect({ client }));
    await assert.rejects(join('mallory'));
    const allowed = await stack.negotiate(`api/negotiate?userId=${uniqueUser('dave')}`);
    assert.equal(await upgradeStatus(allowed), 101);
  });
});

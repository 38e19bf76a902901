// Devices and a dashboard on one hub, end to end on the local stack (Azurite, the Web PubSub
// emulator's MQTT and JSON endpoints, the offline Functions host running this folder): real MQTT
// clients (MQTT 5.0 and 3.1.1) publish, an official Web PubSub client watches.
const assert = require('node:assert/strict');
const path = require('node:path');
const { after, afterEach, before, describe, it } = require('node:test');

const { startLocalStack } = require('@wps-local/test-kit');

const {
  connectDevice,
  deviceUrl,
  groupMessage,
  onlineDevice,
  payload,
  publishReading,
} = require('./helpers/devices');

const APP_DIR = path.join(__dirname, '..');
const REGISTERED = Array.from({ length: 30 }, (_, i) => `dev${i + 1}`);

let stack;
before(async () => {
  stack = await startLocalStack({ appDir: APP_DIR, settings: { DEVICES: REGISTERED.join(',') } });
});
after(() => stack?.close());
afterEach(() => stack.reset());

let used = 0;
/** A registered device no other test uses. */
const nextDevice = () => REGISTERED[used++];

// @azure/web-pubsub-client leaves its keep-alive timers running after stop(): none needed here.
const client = { keepAliveIntervalInMs: 0, keepAliveTimeoutInMs: 0 };
const dashboard = () => stack.connect({ negotiate: 'api/negotiate', client });

describe('telemetry', { timeout: 60_000 }, () => {
  it('mints MQTT client URLs for devices, with the function key only', async () => {
    const deviceId = nextDevice();
    const url = await deviceUrl(stack, deviceId);
    assert.match(url, /^ws:\/\/localhost:\d+\/clients\/mqtt\/hubs\/iot\?access_token=/);
    const token = url.split('access_token=')[1];
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    assert.equal(claims.sub, deviceId);
    assert.equal((await fetch(`${stack.apiUrl}devices/${deviceId}/negotiate`)).status, 401);
    const bad = await fetch(
      `${stack.apiUrl}devices/not-a-client-id/negotiate?code=${stack.keys.function}`,
    );
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'InvalidDeviceId');
  });

  for (const protocolVersion of [5, 4]) {
    it(`shows an MQTT ${protocolVersion === 5 ? '5.0' : '3.1.1'} device's readings on the dashboard`, async () => {
      const viewer = await dashboard();
      const deviceId = nextDevice();
      const { client: device } = await onlineDevice(stack, deviceId, { protocolVersion });
      await publishReading(device, { deviceId, temperature: 21.5, humidity: 40 });
      const message = await groupMessage(
        viewer,
        'telemetry',
        (m) => m.fromUserId === deviceId,
        `${deviceId}'s reading`,
      );
      assert.deepEqual(payload(message), { deviceId, temperature: 21.5, humidity: 40 });
      // MQTT 5.0 says what the payload is; MQTT 3.1.1 cannot, so its payload arrives as bytes.
      assert.equal(message.dataType, protocolVersion === 5 ? 'json' : 'binary');
      await device.endAsync();
    });
  }

  it('gives MQTT 5.0 devices the telemetry topic in the CONNACK user properties', async () => {
    const { client: device, connack } = await onlineDevice(stack, nextDevice());
    assert.deepEqual({ ...connack.properties?.userProperties }, { 'telemetry-topic': 'telemetry' });
    await device.endAsync();
  });

  it('lets a device publish to the telemetry topic only, and read none', async () => {
    const deviceId = nextDevice();
    const { client: device } = await onlineDevice(stack, deviceId);
    // MQTT 5.0 PUBACK: 0x87 Not authorized.
    await assert.rejects(device.publishAsync('commands', 'hi', { qos: 1 }), { code: 0x87 });
    // The telemetry topic is still open to it; reading it (subscribing) is not.
    await publishReading(device, { deviceId, temperature: 1 });
    // MQTT 5.0 SUBACK: 0x87 Not authorized.
    await assert.rejects(device.subscribeAsync('telemetry', { qos: 1 }), /Not authorized/);
    await device.endAsync();
  });
});

describe('admission', { timeout: 60_000 }, () => {
  it('refuses an unknown device: MQTT 5.0 Not authorized (0x87) with the reason', async () => {
    const url = await deviceUrl(stack, 'ghost1');
    const { error } = await connectDevice(url, { clientId: 'ghost1', protocolVersion: 5 });
    assert.equal(error?.code, 0x87);
    assert.match(error.message, /Not authorized/i);
  });

  it('refuses an unknown device: MQTT 3.1.1 return code 5 (not authorized)', async () => {
    const url = await deviceUrl(stack, 'ghost2');
    const { error } = await connectDevice(url, { clientId: 'ghost2', protocolVersion: 4 });
    assert.equal(error?.code, 5);
  });

  it('refuses a device whose client id is not its device id (0x85 / 2)', async () => {
    const deviceId = nextDevice();
    const url = await deviceUrl(stack, deviceId);
    const v5 = await connectDevice(url, { clientId: 'someoneelse', protocolVersion: 5 });
    assert.equal(v5.error?.code, 0x85);
    const v311 = await connectDevice(url, { clientId: 'someoneelse', protocolVersion: 4 });
    assert.equal(v311.error?.code, 2);
  });

  it('never lists or announces a refused device', async () => {
    const viewer = await dashboard();
    const url = await deviceUrl(stack, 'ghost3');
    await connectDevice(url, { clientId: 'ghost3' });
    const known = nextDevice();
    const { client: device } = await onlineDevice(stack, known);
    await groupMessage(viewer, 'presence', (m) => payload(m).deviceId === known, 'presence');
    assert.ok(!viewer.messages.some((m) => payload(m).deviceId === 'ghost3'));
    const listed = await (await fetch(`${stack.apiUrl}devices`)).json();
    assert.ok(!listed.some((d) => d.deviceId === 'ghost3'));
    await device.endAsync();
  });
});

describe('online tracking', { timeout: 60_000 }, () => {
  const listed = async (deviceId) =>
    (await (await fetch(`${stack.apiUrl}devices`)).json()).find((d) => d.deviceId === deviceId);
  const presence = (viewer, deviceId, online) =>
    groupMessage(
      viewer,
      'presence',
      (m) => payload(m).deviceId === deviceId && payload(m).online === online,
      `${deviceId} ${online ? 'online' : 'offline'}`,
    ).then(payload);

  it('marks a device online, then offline when it disconnects (DISCONNECT from the client)', async () => {
    const viewer = await dashboard();
    const deviceId = nextDevice();
    assert.equal((await listed(deviceId)).online, false);
    const { client: device } = await onlineDevice(stack, deviceId);
    await presence(viewer, deviceId, true);
    assert.equal((await listed(deviceId)).online, true);
    // MQTT 5.0 DISCONNECT with a reason code and string.
    await device.endAsync(false, {
      reasonCode: 0x04,
      properties: { reasonString: 'firmware update' },
    });
    const gone = await presence(viewer, deviceId, false);
    assert.equal(gone.initiatedByClient, true);
    assert.equal(gone.code, 0x04);
    assert.equal(gone.reason, 'firmware update');
    const after = await listed(deviceId);
    assert.equal(after.online, false);
    assert.equal(after.lastDisconnect.initiatedByClient, true);
  });

  it('marks an MQTT 3.1.1 device offline when its connection drops without a DISCONNECT', async () => {
    const viewer = await dashboard();
    const deviceId = nextDevice();
    const { client: device } = await onlineDevice(stack, deviceId, { protocolVersion: 4 });
    await presence(viewer, deviceId, true);
    await device.endAsync(true); // forced: the socket closes, no DISCONNECT packet
    const gone = await presence(viewer, deviceId, false);
    assert.equal(gone.initiatedByClient, false);
    assert.equal(gone.code, null);
    assert.equal((await listed(deviceId)).online, false);
  });

  it('keeps a reconnected device online when its old session ends late', async () => {
    const viewer = await dashboard();
    const deviceId = nextDevice();
    const first = await onlineDevice(stack, deviceId);
    await presence(viewer, deviceId, true);
    // A second connection with the same client id takes the session over (MQTT: the old network
    // connection is closed); with a clean start, a new session begins.
    const second = await onlineDevice(stack, deviceId);
    await viewer.until(
      () =>
        viewer.messages.filter(
          (m) => m.group === 'presence' && payload(m).deviceId === deviceId && payload(m).online,
        ).length >= 2,
      'the second session online',
    );
    assert.equal((await listed(deviceId)).online, true);
    const offline = () =>
      viewer.messages.filter(
        (m) => m.group === 'presence' && payload(m).deviceId === deviceId && !payload(m).online,
      ).length;
    const before = offline();
    await second.client.endAsync();
    await viewer.until(() => offline() > before, 'the second session offline');
    assert.equal((await listed(deviceId)).online, false);
    first.client.end(true);
  });
});

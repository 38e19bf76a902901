// The IoT example's dashboard (examples/iot-telemetry) in Debian's Chromium on the local stack:
// devices that are real MQTT clients (5.0 and 3.1.1) connect, publish readings and leave, and the
// page (a json.webpubsub.azure.v1 WebSocket in the `telemetry` and `presence` groups) shows each
// change live, without a reload.
import path from 'node:path';

import type { LocalStack } from '@wps-local/test-kit';
import { startLocalStack } from '@wps-local/test-kit';
import type { MqttClient } from 'mqtt';
import { connectAsync } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../setup/host';
import { screenshot, useBrowser } from './browser';

const APP = path.join(REPO_ROOT, 'examples/iot-telemetry');

let stack: LocalStack;
const devices: MqttClient[] = [];
beforeAll(async () => {
  stack = await startLocalStack({ appDir: APP, settings: { DEVICES: 'sensor1,sensor2,sensor3' } });
});
afterAll(async () => {
  for (const device of devices) device.end(true);
  await stack?.close();
});

/** A device through the example's own negotiate route (function key), as its README shows. */
async function device(deviceId: string, protocolVersion: 4 | 5): Promise<MqttClient> {
  const res = await fetch(
    `${stack.apiUrl}devices/${deviceId}/negotiate?code=${encodeURIComponent(stack.keys.function)}`,
  );
  const { url } = (await res.json()) as { url: string };
  const client = await connectAsync(url, {
    clientId: deviceId,
    protocolVersion,
    clean: true,
    reconnectPeriod: 0,
  });
  devices.push(client);
  return client;
}

const reading = (client: MqttClient, values: Record<string, number>) =>
  client.publishAsync('telemetry', JSON.stringify(values), {
    qos: 1,
    ...(client.options.protocolVersion === 5
      ? { properties: { contentType: 'application/json' } }
      : {}),
  });

describe('IoT dashboard', () => {
  const browser = useBrowser();
  let page: Page;
  beforeAll(async () => {
    page = await (await browser.context()).newPage();
    await page.goto(`${stack.apiUrl}dashboard`);
    await page.locator('#connection', { hasText: /^live$/ }).waitFor();
  });

  const cell = (deviceId: string, name: string) =>
    page.locator(`tr[data-device="${deviceId}"] .${name}`);

  it('lists the registered devices, all offline at first', async () => {
    for (const id of ['sensor1', 'sensor2', 'sensor3']) {
      await expect.poll(() => cell(id, 'status').textContent()).toBe('offline');
    }
  });

  it('shows an MQTT 5.0 device going online and its readings as they come', async () => {
    const sensor = await device('sensor1', 5);
    await expect.poll(() => cell('sensor1', 'status').textContent()).toBe('online');
    await reading(sensor, { temperature: 21.5 });
    await expect.poll(() => cell('sensor1', 'reading').textContent()).toBe('temperature 21.5');
    await reading(sensor, { temperature: 22, humidity: 41 });
    await expect
      .poll(() => cell('sensor1', 'reading').textContent())
      .toBe('temperature 22, humidity 41');
  });

  it("decodes an MQTT 3.1.1 device's readings, which arrive as bytes", async () => {
    const sensor = await device('sensor2', 4);
    await expect.poll(() => cell('sensor2', 'status').textContent()).toBe('online');
    await reading(sensor, { pressure: 1013 });
    await expect.poll(() => cell('sensor2', 'reading').textContent()).toBe('pressure 1013');
    await screenshot(page, 'iot-dashboard');
  });

  it('shows a device going offline when it disconnects', async () => {
    const sensor = await device('sensor3', 5);
    await expect.poll(() => cell('sensor3', 'status').textContent()).toBe('online');
    await sensor.endAsync();
    await expect.poll(() => cell('sensor3', 'status').textContent()).toBe('offline');
    // The others are untouched.
    expect(await cell('sensor1', 'status').textContent()).toBe('online');
  });
});

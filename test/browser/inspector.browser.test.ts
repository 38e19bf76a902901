// The emulator's inspector page in Debian's Chromium: it shows a client that connects, its group,
// a message it sends and an upstream call with its status; an action sent from the page reaches
// the client; a fault set on the page (a drop) is seen by a reliable client, which recovers with
// no loss. Screenshots of the main views go to packages/emulator/docs/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { payloads } from '@wps-local/test-kit';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import { REPO_ROOT } from '../setup/host';
import { useSdkSuite } from '../setup/sdk-suite';
import { useBrowser } from './browser';

const DOCS = path.join(REPO_ROOT, 'packages/emulator/docs');
const MEMBER = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];

describe('inspector page', () => {
  const sdk = useSdkSuite({ handler: { systemEvents: ['connect', 'connected', 'disconnected'] } });
  const browser = useBrowser();
  let page: Page;
  beforeAll(async () => {
    page = await (await browser.context({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(sdk.emulator().inspectorUrl!);
    await page.locator('#live-status[data-state="live"]').waitFor();
  });

  const row = (id: string) => page.locator(`#connections tr[data-id="${id}"]`);
  const logEntry = (kind: string, text: string) =>
    page.locator(`#log li[data-kind="${kind}"]`).filter({ hasText: text });

  it('shows a client that connects, its group, a message it sends and the upstream call', async () => {
    const userId = uniqueName('ada');
    const group = uniqueName('room');
    const client = sdk.client({ userId, roles: MEMBER });
    const id = await client.start();
    await client.client.joinGroup(group);
    await client.client.sendToGroup(group, 'hello from ada', 'text');
    await client.client.sendEvent('greet', 'hi handler', 'text');

    await expect.poll(() => row(id).textContent()).toContain(userId);
    await expect.poll(() => row(id).textContent()).toContain(group);
    await expect.poll(() => row(id).textContent()).toContain('json.reliable.webpubsub.azure.v1');
    await page.locator(`#groups li[data-group="${group}"]`).waitFor();
    await page.locator(`#users li[data-user="${userId}"]`).waitFor();
    await logEntry('frame-in', 'hello from ada').first().waitFor();
    const upstream = logEntry('upstream', 'greet').first();
    await upstream.waitFor();
    expect(await upstream.getAttribute('data-status')).toBe('204');
    expect(await upstream.getAttribute('data-outcome')).toBe('ok');
    // The connect call is there too, with its status.
    await logEntry('upstream', 'connect').first().waitFor();

    mkdirSync(DOCS, { recursive: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: path.join(DOCS, 'inspector-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(DOCS, 'inspector-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('filters the log by user and outcome, and pauses it', async () => {
    const quiet = sdk.client({ userId: uniqueName('quiet') });
    await quiet.start();
    const loud = uniqueName('loud');
    const client = sdk.client({ userId: loud });
    await client.start();
    await page.locator('#log-filters').getByLabel('User').fill(loud);
    await client.client.sendEvent('shout', 'filtered in', 'text');
    await logEntry('upstream', 'shout').first().waitFor();
    const users = await page.locator('#log li details pre').allTextContents();
    expect(users.every((text) => text.includes(loud))).toBe(true);

    await page.keyboard.press('Escape');
    await page.locator('body').press('p');
    expect(await page.locator('#pause').getAttribute('aria-pressed')).toBe('true');
    await client.client.sendEvent('shout', 'while paused', 'text');
    await expect.poll(() => page.locator('#paused-note').textContent()).toMatch(/[1-9]\d* new/);
    expect(await logEntry('frame-in', 'while paused').count()).toBe(0);
    await page.locator('#pause').click();
    await logEntry('frame-in', 'while paused').first().waitFor();
    await page.locator('#log-filters').getByLabel('User').fill('');
  });

  it('sends from the page to a connection selected with the keyboard', async () => {
    const client = sdk.client({ userId: uniqueName('grace') });
    const id = await client.start();
    await row(id).waitFor();
    await row(id).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#selected').textContent()).toContain(TEST_HUB);
    const send = page.getByRole('form', { name: 'Send a message' });
    expect(await send.getByLabel('To').inputValue()).toBe('connection');
    await send.getByLabel('Message').fill('from the inspector');
    await send.getByRole('button', { name: 'Send' }).click();
    await client.until(() => client.messages.length >= 1, 'the message from the page');
    expect(payloads(client.messages)).toEqual(['from the inspector']);
  });

  it('drops a connection from the page: the reliable client recovers and loses nothing', async () => {
    const userId = uniqueName('linus');
    const client = sdk.client({ userId });
    const id = await client.start();
    await sdk.service().sendToConnection(id, 'before', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 1, 'the first message');
    await row(id).click();
    const faults = page.getByRole('form', { name: 'Inject a fault' });
    await faults.getByLabel('Fault').selectOption('drop');
    expect(await faults.getByLabel('Connection', { exact: true }).inputValue()).toBe(id);
    await faults.getByRole('button', { name: 'Apply fault' }).click();
    await expect.poll(() => page.locator('#action-status').textContent()).toContain('1 connection');
    await logEntry('connection', '1006').first().waitFor();
    await sdk.service().sendToConnection(id, 'after', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 2, 'the message after the drop');
    expect(payloads(client.messages)).toEqual(['before', 'after']);
    expect(client.connected).toEqual([{ connectionId: id, userId }]);
    await logEntry('connection', 'recovered').first().waitFor();
    await page.screenshot({ path: path.join(DOCS, 'inspector-fault.png') });
  });

  it('sets an upstream fault on the page that a client sees, and clears it', async () => {
    // No retries: the client sees the first failure itself.
    const client = sdk.client(
      { userId: uniqueName('ken') },
      { messageRetryOptions: { maxRetries: 0 } },
    );
    await client.start();
    const faults = page.getByRole('form', { name: 'Inject a fault' });
    await page.keyboard.press('Escape'); // no connection selected: the fault is on the event
    await faults.getByLabel('Fault').selectOption('upstream-status');
    await faults.getByLabel('Event', { exact: true }).fill('doomed');
    await faults.getByLabel('Status', { exact: true }).fill('500');
    await faults.getByRole('button', { name: 'Apply fault' }).click();
    await page.locator('#faults li[data-fault]').waitFor();
    await expect(client.client.sendEvent('doomed', 'x', 'text')).rejects.toThrow();
    const failed = logEntry('upstream', 'doomed').first();
    await failed.waitFor();
    expect(await failed.getAttribute('data-outcome')).toBe('fault');
    await page.getByRole('button', { name: /^Clear fault/ }).click();
    await page.locator('#faults li[data-fault]').waitFor({ state: 'detached' });
    await client.client.sendEvent('doomed', 'y', 'text');
  });
});

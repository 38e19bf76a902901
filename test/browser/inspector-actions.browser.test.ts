// The inspector page's connection actions and slow-consumer fault in Debian's Chromium: a
// connection added to a group from the page gets the group's messages and stops getting them once
// removed; a connection closed from the page hears the reason; a delivery paused from the page
// holds a message (the log says so) until the fault is cleared on the page, then it arrives.
import { payloads } from '@wps-local/test-kit';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useSdkSuite } from '../setup/sdk-suite';
import { useBrowser } from './browser';

describe('inspector page actions', () => {
  const sdk = useSdkSuite({ handler: { systemEvents: ['connect'] } });
  const browser = useBrowser();
  let page: Page;
  beforeAll(async () => {
    page = await (await browser.context({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(sdk.emulator().inspectorUrl!);
    await page.locator('#live-status[data-state="live"]').waitFor();
  });

  const row = (id: string) => page.locator(`#connections tr[data-id="${id}"]`);
  const status = () => page.locator('#action-status').textContent();

  it('adds the selected connection to a group and removes it again', async () => {
    const client = sdk.client({ userId: uniqueName('gus') });
    const id = await client.start();
    await row(id).click();
    const group = uniqueName('room');
    const form = page.getByRole('form', { name: 'Group membership' });
    expect(await form.getByLabel('Connection').inputValue()).toBe(id);
    await form.getByLabel('Group').fill(group);
    await form.getByRole('button', { name: 'Add to group' }).click();
    await expect.poll(status).toBe('Added to the group.');
    await expect.poll(() => row(id).textContent()).toContain(group);
    await sdk.service().group(group).sendToAll('to the group', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 1, 'the group message');

    await form.getByRole('button', { name: 'Remove from group' }).click();
    await expect.poll(status).toBe('Removed from the group.');
    await page.locator(`#groups li[data-group="${group}"]`).waitFor({ state: 'detached' });
    // The group is gone: a later message to it is not delivered, a direct one is, after it.
    await sdk.service().group(group).sendToAll('not any more', { contentType: 'text/plain' });
    await sdk.service().sendToConnection(id, 'direct', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 2, 'the direct message');
    expect(payloads(client.messages)).toEqual(['to the group', 'direct']);
  });

  it('says why an action failed: a blank group name, which the service refuses', async () => {
    const client = sdk.client({ userId: uniqueName('ivy') });
    const id = await client.start();
    await row(id).click();
    const form = page.getByRole('form', { name: 'Group membership' });
    await form.getByLabel('Group').fill('   ');
    await form.getByRole('button', { name: 'Add to group' }).click();
    await expect.poll(status).toMatch(/^Failed: Invalid group name/);
  });

  it('closes the selected connection with a reason the client hears', async () => {
    const client = sdk.client({ userId: uniqueName('cleo') });
    const id = await client.start();
    await row(id).click();
    const form = page.getByRole('form', { name: 'Close a connection' });
    await form.getByLabel('Reason').fill('Closed on purpose.');
    await form.getByRole('button', { name: 'Close connection' }).click();
    await client.until(() => client.disconnected.length >= 1, 'the disconnection');
    expect(client.disconnected[0]!.message).toMatchObject({ message: 'Closed on purpose.' });
    await row(id).waitFor({ state: 'detached' });
    await page
      .locator('#log li[data-kind="action"]')
      .filter({ hasText: 'Closed on purpose.' })
      .waitFor();
  });

  it('pauses delivery to a connection from the page; clearing the fault lets the message through', async () => {
    const client = sdk.client({ userId: uniqueName('otto') });
    const id = await client.start();
    await row(id).click();
    const faults = page.getByRole('form', { name: 'Inject a fault' });
    await faults.getByLabel('Fault').selectOption('delivery-pause');
    await faults.getByRole('button', { name: 'Apply fault' }).click();
    const fault = page.locator('#faults li[data-fault]');
    await fault.waitFor();
    expect(await fault.textContent()).toContain('delivery paused');

    await sdk.service().sendToConnection(id, 'held back', { contentType: 'text/plain' });
    await page
      .locator('#log li[data-kind="frame-out"][data-outcome="fault"]')
      .filter({ hasText: 'held by a delivery fault' })
      .first()
      .waitFor();
    expect(client.messages).toEqual([]);

    await page.getByRole('button', { name: /^Clear fault/ }).click();
    await fault.waitFor({ state: 'detached' });
    await client.until(() => client.messages.length >= 1, 'the held message');
    expect(payloads(client.messages)).toEqual(['held back']);
  });
});

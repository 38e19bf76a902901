// The inspector page's tools in Debian's Chromium: a client access URL minted and copied on the
// page connects the official client, which then shows in the page with its user, roles and
// groups; the log filters by hub, group, event, kind and outcome; a burst of traffic brings the
// emulator's sampling marker; the page is light or dark as the system asks, and keyboard-usable.
import { InspectorClient } from '@wps-local/emulator';
import { recordClient } from '@wps-local/test-kit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TEST_HUB, uniqueName } from '../setup/emulator';
import { useSdkSuite } from '../setup/sdk-suite';
import { useBrowser } from './browser';

const MEMBER = ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'];
const OTHER_HUB = 'lobby';

describe('inspector page tools', () => {
  const sdk = useSdkSuite({
    handler: {
      systemEvents: ['connect', 'connected'],
      // `boom` fails in the handler: an upstream error for the outcome filter.
      respond: (e, res) => res.writeHead(e.headers['ce-eventname'] === 'boom' ? 500 : 204).end(),
    },
  });
  const browser = useBrowser();
  let page: Page;
  const stops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const context = await browser.context({ viewport: { width: 1400, height: 1000 } });
    const origin = new URL(sdk.emulator().inspectorUrl!).origin;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    page = await context.newPage();
    await page.goto(sdk.emulator().inspectorUrl!);
    await page.locator('#live-status[data-state="live"]').waitFor();
  });
  afterAll(async () => {
    for (const stop of stops) await stop().catch(() => undefined);
  });

  const row = (id: string) => page.locator(`#connections tr[data-id="${id}"]`);
  const logEntry = (kind: string, text: string) =>
    page.locator(`#log li[data-kind="${kind}"]`).filter({ hasText: text });
  const filters = () => page.locator('#log-filters');
  /** That attribute of every entry shown in the log. */
  const attributes = async (name: string) =>
    Promise.all((await page.locator('#log li').all()).map((li) => li.getAttribute(name)));
  // Evaluated in the page (the test's types have no DOM).
  const activeId = () => page.evaluate('document.activeElement?.id');
  const resetFilters = async () => {
    for (const label of ['Connection', 'User', 'Group', 'Event']) {
      await filters().getByLabel(label, { exact: true }).fill('');
    }
    await filters().getByLabel('Kind').selectOption('');
    await filters().getByLabel('Outcome').selectOption('');
    await page.locator('#hub-filter').selectOption('');
  };

  it('mints a client access URL on the page, copies it, and the client it connects shows up', async () => {
    const seed = sdk.client({ userId: uniqueName('seed') }); // the hub exists: the page acts on it
    await row(await seed.start()).waitFor();
    const userId = uniqueName('mint');
    const group = uniqueName('room');
    const form = page.getByRole('form', { name: 'Client access URL' });
    await form.getByLabel('User id').fill(userId);
    await form.getByLabel('Roles').fill(MEMBER.join(', '));
    await form.getByLabel('Groups').fill(group);
    await form.getByRole('button', { name: 'Mint URL' }).click();
    const field = page.getByRole('textbox', { name: 'Client access URL' });
    await expect.poll(() => field.inputValue()).toMatch(/^ws:\/\/localhost:\d+\/client\/hubs\//);
    const url = await field.inputValue();
    expect(url).toContain(`/client/hubs/${TEST_HUB}?access_token=`);

    await form.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('#action-status').textContent()).toBe('Copied.');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(url);

    const client = recordClient(() => Promise.resolve(url));
    const id = await client.start();
    stops.push(() => client.stop());
    await expect.poll(() => row(id).textContent()).toContain(userId);
    const text = (await row(id).textContent())!;
    for (const expected of [...MEMBER, group]) expect(text).toContain(expected);
    await page.locator(`#users li[data-user="${userId}"]`).waitFor();
    await page.locator(`#groups li[data-group="${group}"]`).waitFor();
    // The roles are real: the group accepts what the client sends to it.
    await client.client.sendToGroup(group, 'minted and allowed', 'text');
    await logEntry('frame-in', 'minted and allowed').first().waitFor();
  });

  it('filters the log by group, event, kind and outcome', async () => {
    // No retries: a failing event is seen once.
    const noRetry = { messageRetryOptions: { maxRetries: 0 } };
    const a = sdk.client({ userId: uniqueName('ann'), roles: MEMBER }, noRetry);
    const b = sdk.client({ userId: uniqueName('ben'), roles: MEMBER });
    await Promise.all([a.start(), b.start()]);
    const [g1, g2] = [uniqueName('g1'), uniqueName('g2')];
    await a.client.joinGroup(g1);
    await b.client.joinGroup(g2);

    await filters().getByLabel('Group', { exact: true }).fill(g1);
    // In order: once g1's frame shows, g2's (sent and acknowledged before it) has been filtered out.
    await b.client.sendToGroup(g2, 'said in g2', 'text');
    await a.client.sendToGroup(g1, 'said in g1', 'text');
    await logEntry('frame-in', 'said in g1').first().waitFor();
    expect(await page.locator('#log li').filter({ hasText: 'said in g2' }).count()).toBe(0);

    await resetFilters();
    const event = uniqueName('ev');
    await filters().getByLabel('Event', { exact: true }).fill(event);
    await filters().getByLabel('Kind').selectOption('upstream');
    const otherEvent = uniqueName('other');
    await a.client.sendEvent(otherEvent, 'other event', 'text');
    await a.client.sendEvent(event, 'this event', 'text');
    await logEntry('upstream', event).first().waitFor();
    const kinds = await attributes('data-kind');
    expect(new Set(kinds)).toEqual(new Set(['upstream']));
    expect(await page.locator('#log li').filter({ hasText: otherEvent }).count()).toBe(0);

    await resetFilters();
    await filters().getByLabel('Outcome').selectOption('error');
    await expect(a.client.sendEvent('boom', 'fails', 'text')).rejects.toThrow();
    const failed = logEntry('upstream', 'boom').first();
    await failed.waitFor();
    expect(await failed.getAttribute('data-status')).toBe('500');
    const outcomes = await attributes('data-outcome');
    expect(new Set(outcomes)).toEqual(new Set(['error']));
    await resetFilters();
  });

  it('filters connections and the log by hub', async () => {
    const inspector = new InspectorClient(sdk.emulator().inspectorUrl!);
    // No event handler in that hub: the clients talk to groups.
    const url = await inspector.clientUrl({
      hub: OTHER_HUB,
      userId: uniqueName('lobbyist'),
      roles: ['webpubsub.sendToGroup'],
    });
    const other = recordClient(() => Promise.resolve(url));
    const otherId = await other.start();
    stops.push(() => other.stop());
    const here = sdk.client({ userId: uniqueName('here'), roles: MEMBER });
    const hereId = await here.start();
    await row(otherId).waitFor();
    await row(hereId).waitFor();

    await page.locator('#hub-filter').selectOption(OTHER_HUB);
    await row(hereId).waitFor({ state: 'detached' });
    expect(await row(otherId).count()).toBe(1);
    await here.client.sendToGroup('somewhere', 'hi from chat', 'text');
    await other.client.sendToGroup('somewhere', 'hi from the lobby', 'text');
    await logEntry('frame-in', 'hi from the lobby').first().waitFor();
    expect(await page.locator('#log li').filter({ hasText: 'hi from chat' }).count()).toBe(0);
    const hubs = await page.locator('#log li pre').allTextContents();
    expect(hubs.length).toBeGreaterThan(0);
    expect(hubs.every((facts) => !facts.includes(`"who": "${TEST_HUB}`))).toBe(true);
    await resetFilters();
  });

  it('shows the emulator sampling a burst, with what it left out', async () => {
    const client = sdk.client({ userId: uniqueName('burst'), roles: MEMBER });
    await client.start();
    const group = uniqueName('burst');
    await client.client.joinGroup(group);
    // Far above what the log keeps per second: each frame is one entry in, one fan-out out.
    const sends = Array.from({ length: 1500 }, (_, i) =>
      client.client.sendToGroup(group, `burst ${i}`, 'text', { fireAndForget: true }),
    );
    await Promise.all(sends);
    const marker = page.locator('#log li[data-kind="sampled"]').first();
    await marker.waitFor();
    expect(await marker.textContent()).toMatch(/\d+ entries not logged \(above \d+\/s\): .*frame-/);
  });

  it('is light or dark as the system asks, and keyboard-usable', async () => {
    const background = () =>
      page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.emulateMedia({ colorScheme: 'light' });

    await page.keyboard.press('Escape');
    await page.locator('body').press('/');
    expect(await activeId()).toBe('connection-search');
    await page.keyboard.press('Escape');
    expect(await activeId()).not.toBe('connection-search');
  });
});

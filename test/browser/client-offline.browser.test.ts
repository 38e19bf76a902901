// Honest offline and honest toasts, in Chromium through the whole local stack: while offline the
// people list greys out and messages wait in a visible queue, then go once each when the network
// returns; refused messages are marked failed with Retry and Discard; a burst of the same refusal
// is one toast with a count; toasts never cover a control and go when their conversation is opened.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { PageElement, PageGlobals } from './browser';
import {
  connectionState,
  expectConnected,
  joinRoom,
  members,
  messageTexts,
  openConversation,
  sendText,
  signIn,
  useBrowser,
} from './browser';

const { host } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const room = uniqueName('offline').replace(/[^A-Za-z0-9_-]/g, '-');

let ada: Page;
let bob: Page;
let bobContext: BrowserContext;

const outgoing = (page: Page) => page.locator('#outgoing > li');

beforeAll(async () => {
  ada = await (await browser.context()).newPage();
  bobContext = await browser.context();
  bob = await bobContext.newPage();
  await signIn(ada, host().url, { name: 'Ada' });
  await signIn(bob, host().url, { name: 'Bob' });
});

describe('offline, honestly', () => {
  it('starts with two people in a room', async () => {
    await joinRoom(ada, room);
    await joinRoom(bob, room);
    await sendText(ada, 'before');
    await expect.poll(() => messageTexts(bob)).toEqual(['before']);
  });

  it('greys out presence and queues what is sent, visibly pending', async () => {
    await bobContext.setOffline(true);
    await expect.poll(() => connectionState(bob)).toBe('offline');
    expect(await bob.locator('#people').getAttribute('data-stale')).toBe('true');
    expect(await bob.locator('#people-stale').isVisible()).toBe(true);
    await sendText(bob, 'queued one');
    await sendText(bob, 'queued two');
    await expect.poll(() => outgoing(bob).count()).toBe(2);
    expect(await outgoing(bob).first().textContent()).toMatch(/Waiting for the connection/);
    expect(await messageTexts(bob)).toEqual(['before']);
    await expect.poll(() => members(ada)).toEqual(['Ada (you)']);
  });

  it('sends the queue once each when the network returns, in order', async () => {
    await bobContext.setOffline(false);
    await expectConnected(bob);
    await expect.poll(() => outgoing(bob).count()).toBe(0);
    expect(await bob.locator('#people').getAttribute('data-stale')).toBe('false');
    await sendText(bob, 'after');
    const all = ['before', 'queued one', 'queued two', 'after'];
    await expect.poll(() => messageTexts(ada)).toEqual(all);
    await expect.poll(() => messageTexts(bob)).toEqual(all);
  });

  it('keeps the queue across a reload and sends it with the same ids', async () => {
    // Queued while the room is not joined (the page is offline), then the page reloads online.
    await bobContext.setOffline(true);
    await expect.poll(() => connectionState(bob)).toBe('offline');
    await sendText(bob, 'survives a reload');
    await expect.poll(() => outgoing(bob).count()).toBe(1);
    await bobContext.setOffline(false);
    await bob.reload();
    await expectConnected(bob);
    await expect
      .poll(async () => (await messageTexts(ada)).filter((t) => t === 'survives a reload').length)
      .toBe(1);
    await expect.poll(() => outgoing(bob).count()).toBe(0);
  });
});

describe('refusals and toasts', () => {
  it('marks what cannot be sent failed, with Retry and Discard', async () => {
    // 2,000 characters (the box's maxlength, and the protocol's MAX_TEXT) of 3 bytes each: 6,000
    // bytes, over the 4,096 an event may carry (PROTOCOL.md §2).
    await bob.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const box = document.querySelector('#message-text')!;
      box.value = '€'.repeat(2000);
      document.querySelector('#composer')!.requestSubmit();
    });
    const failed = bob.locator('#outgoing > li.failed');
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.locator('.outgoing-status').textContent()).toMatch(
      /^Not sent: too long to send \(6\d{3} bytes; at most 4096\)/,
    );
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => failed.count()).toBe(1);
    await failed.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => outgoing(bob).count()).toBe(0);
    await sendText(bob, 'still fine');
    await expect.poll(() => messageTexts(ada)).toContain('still fine');
    expect(await messageTexts(ada)).not.toContain('€'.repeat(2000));
  });

  it('collapses the same notice into one toast with a count', async () => {
    const bobId = await bob.locator('#my-user-id').textContent();
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${host().url}/api/publish`, {
        method: 'POST',
        headers: { 'x-functions-key': host().keys.functionKey, 'content-type': 'application/json' },
        body: JSON.stringify({
          to: { user: bobId },
          data: {
            type: 'notification',
            title: 'Slow down',
            body: 'Too many events.',
            level: 'warning',
          },
        }),
      });
      expect(res.status).toBe(202);
    }
    const toast = bob.locator('#toasts .toast', { hasText: 'Slow down' });
    await expect.poll(() => toast.locator('.toast-count').textContent()).toBe(' ×4');
    expect(await toast.count()).toBe(1);
  });

  it('never covers a control with a toast', async () => {
    const bobId = await bob.locator('#my-user-id').textContent();
    const res = await fetch(`${host().url}/api/publish`, {
      method: 'POST',
      headers: { 'x-functions-key': host().keys.functionKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        to: { user: bobId },
        data: { type: 'notification', title: 'Deploy finished', level: 'error' },
      }),
    });
    expect(res.status).toBe(202);
    await expect
      .poll(() => bob.locator('#toasts .toast', { hasText: 'Deploy finished' }).count())
      .toBe(1);
    const overlaps = await bob.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const toasts = [...document.querySelectorAll('#toasts .toast')].map((t) =>
        t.getBoundingClientRect(),
      );
      type Rect = ReturnType<PageElement['getBoundingClientRect']>;
      const controls = [...document.querySelectorAll('button, input, textarea, a[href]')]
        .filter((el) => !el.closest('#toasts') && el.offsetParent !== null)
        .map((el) => ({ el: el.outerHTML.slice(0, 80), r: el.getBoundingClientRect() }));
      const hit = (a: Rect, b: Rect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return controls.filter((c) => toasts.some((t) => hit(t, c.r))).map((c) => c.el);
    });
    expect(await bob.locator('#toasts .toast').count()).toBeGreaterThan(0);
    expect(overlaps).toEqual([]);
  });

  it('clears a toast when what it announces is opened', async () => {
    const bobId = await bob.locator('#my-user-id').textContent();
    await ada.getByLabel('Message a user id').fill(bobId!);
    await ada.getByRole('button', { name: 'Open', exact: true }).click();
    await sendText(ada, 'psst');
    await sendText(ada, 'psst');
    const toast = bob.locator('#toasts .toast', { hasText: 'Message from Ada' });
    await expect.poll(() => toast.count()).toBeGreaterThan(0);
    await openConversation(bob, 'Ada');
    await expect.poll(() => toast.count()).toBe(0);
    await expect.poll(() => messageTexts(bob)).toEqual(['psst', 'psst']);
  });
});

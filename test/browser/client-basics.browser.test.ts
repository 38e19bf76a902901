// The web client's everyday behaviour in Chromium, two people through the whole local stack: a
// multi-line composer, safe links, day separators and full timestamps, an empty state, join/leave
// lines, the "new messages" marker, the user's own id, a room-name pattern the browser can use,
// and every control labelled and usable from the keyboard.
import type { ConsoleMessage, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { PageElement, PageGlobals } from './browser';
import { joinRoom, messageTexts, openConversation, sendText, signIn, useBrowser } from './browser';

const { host } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const room = uniqueName('basics').replace(/[^A-Za-z0-9_-]/g, '-');
const consoleErrors: string[] = [];

let ada: Page;
let bob: Page;

beforeAll(async () => {
  ada = await (await browser.context({ viewport: { width: 1200, height: 640 } })).newPage();
  bob = await (await browser.context()).newPage();
  ada.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  await signIn(ada, host().url, { name: 'Ada' });
  await signIn(bob, host().url, { name: 'Bob' });
});

describe('the web client, every day', () => {
  it('shows an empty state in a new room, gone with the first message', async () => {
    await joinRoom(ada, room);
    const empty = ada.locator('#empty-state');
    await expect.poll(() => empty.textContent()).toBe(`No messages in #${room} yet. Say hello!`);
    expect(await empty.isVisible()).toBe(true);
    await sendText(ada, 'First!');
    await expect.poll(() => empty.isVisible()).toBe(false);
  });

  it('draws a line when someone joins or leaves', async () => {
    await joinRoom(bob, room);
    const notices = () => ada.locator('#messages .notice').allTextContents();
    await expect.poll(notices).toEqual([expect.stringMatching(/^Bob joined/)]);
    // One's own join is no line.
    expect(await bob.locator('#messages .notice').count()).toBe(0);
  });

  it('sends on Enter, starts a new line on Shift+Enter', async () => {
    const box = ada.locator('#message-text');
    await box.click();
    await ada.keyboard.type('line one');
    await ada.keyboard.press('Shift+Enter');
    await ada.keyboard.type('line two');
    expect(await box.inputValue()).toBe('line one\nline two');
    await ada.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await expect.poll(() => messageTexts(bob)).toEqual(['First!', 'line one\nline two']);
    // The text keeps its line break on screen.
    const last = bob.locator('#messages .message-text').last();
    expect((await last.boundingBox())!.height).toBeGreaterThan(30);
  });

  it('makes web addresses links that open apart, and never a script URL', async () => {
    await sendText(bob, 'docs: https://example.org/a?b=1. not this: javascript:alert(1)');
    const links = ada.locator('#messages .message-text a');
    await expect.poll(() => links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://example.org/a?b=1');
    expect(await links.getAttribute('target')).toBe('_blank');
    expect(await links.getAttribute('rel')).toContain('noopener');
    expect(await ada.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await ada.locator('#messages .message-text').last().textContent()).toBe(
      'docs: https://example.org/a?b=1. not this: javascript:alert(1)',
    );
  });

  it('separates days and gives the full date and time on hover', async () => {
    expect(await ada.locator('#messages .day-separator').allTextContents()).toEqual(['Today']);
    const time = ada.locator('#messages .message time').first();
    expect(await time.getAttribute('title')).toMatch(/\d{4}.*\d{2}:\d{2}:\d{2}/);
    expect(await time.textContent()).toMatch(/^\d{2}:\d{2}$/);
  });

  it('marks new messages when the reader has scrolled up, and jumps to them', async () => {
    for (let i = 1; i <= 12; i++) await sendText(bob, `filler ${i}`);
    await expect.poll(async () => (await messageTexts(ada)).length).toBe(15);
    await ada.locator('.scroller').evaluate((el) => (el.scrollTop = 0));
    await sendText(bob, 'while you were up there');
    await sendText(bob, 'and this');
    const jump = ada.locator('#jump-to-new');
    await expect.poll(() => jump.textContent()).toBe('2 new messages ↓');
    expect(await ada.locator('#messages .new-marker').count()).toBe(1);
    await jump.click();
    await expect.poll(() => jump.isVisible()).toBe(false);
    await expect
      .poll(() => ada.locator('#messages .message-text', { hasText: 'and this' }).isVisible())
      .toBe(true);
  });

  it("shows the user's own id, the one others message them with", async () => {
    const id = await ada.evaluate(async () => {
      const me = (await (await fetch('/.auth/me')).json()) as {
        clientPrincipal: { userId: string };
      };
      return me.clientPrincipal.userId;
    });
    expect(await ada.locator('#my-user-id').textContent()).toBe(id);
    // Bob opens a DM with that id: Ada gets it.
    await bob.getByLabel('Message a user id').fill(id);
    await bob.getByRole('button', { name: 'Open', exact: true }).click();
    await sendText(bob, 'found you by id');
    await expect
      .poll(() => ada.locator('#toasts .toast', { hasText: 'Message from Bob' }).count())
      .toBe(1);
  });

  it('validates the room name in the browser (a pattern valid under the v flag)', async () => {
    const input = ada.getByLabel('Join a room');
    await input.fill('not a room!');
    expect(
      await input.evaluate((el) => (el as unknown as PageElement).validity.patternMismatch),
    ).toBe(true);
    await input.fill('good-room_1');
    expect(await input.evaluate((el) => (el as unknown as PageElement).validity.valid)).toBe(true);
    await input.fill('');
    expect(consoleErrors.filter((e) => /pattern/i.test(e))).toEqual([]);
  });

  it('labels every control, and sends from the keyboard alone', async () => {
    const unlabelled = await ada.evaluate(() =>
      [
        ...(globalThis as unknown as PageGlobals).document.querySelectorAll(
          'button, input, textarea, select, a[href]',
        ),
      ]
        .filter((el) => el.offsetParent !== null)
        .filter((el) => {
          const labelled =
            el.getAttribute('aria-label') ||
            el.getAttribute('aria-labelledby') ||
            (el.labels?.length ?? 0) > 0 ||
            el.textContent?.trim();
          return !labelled;
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
    // The skip link is the first stop, and leads to the message box.
    expect(
      await ada.evaluate(
        () =>
          (globalThis as unknown as PageGlobals).document.querySelector(
            'a[href], button, input, textarea',
          )?.textContent,
      ),
    ).toBe('Skip to the message box');
    await ada.locator('.skip-link').focus();
    await ada.keyboard.press('Enter');
    expect(await ada.evaluate(() => (globalThis as unknown as PageGlobals).location.hash)).toBe(
      '#message-text',
    );
    await ada.locator('#message-text').focus();
    await ada.keyboard.type('typed without a mouse');
    await ada.keyboard.press('Enter');
    await expect.poll(() => messageTexts(ada)).toContain('typed without a mouse');
  });

  it('lets the other person leave, with a line for it', async () => {
    await openConversation(bob, `#${room}`);
    await bob.getByRole('button', { name: 'Leave room' }).click();
    await expect
      .poll(() => ada.locator('#messages .notice').allTextContents())
      .toEqual([expect.stringMatching(/^Bob joined/), expect.stringMatching(/^Bob left/)]);
  });
});

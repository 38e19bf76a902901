// Themes and phone layout in Chromium: light and dark follow the system setting, a phone gets a
// one-row header and drawers that close on a tap outside or on Escape. Screenshots of the main
// views in both themes and at phone size go to test/e2e/screenshots/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { PageGlobals } from './browser';
import { joinRoom, messageTexts, screenshot, sendText, signIn, useBrowser } from './browser';

const { host } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const room = uniqueName('layout').replace(/[^A-Za-z0-9_-]/g, '-');
const PHONE = { width: 390, height: 844 };

const background = (page: Page) =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    return getComputedStyle(document.documentElement).backgroundColor;
  });

async function person(name: string, o: { colorScheme: 'light' | 'dark'; phone?: boolean }) {
  const page = await (
    await browser.context({ colorScheme: o.colorScheme, ...(o.phone ? { viewport: PHONE } : {}) })
  ).newPage();
  await signIn(page, host().url, { name });
  return page;
}

describe('themes', () => {
  it('follows the system setting: light and dark, each with its own colours', async () => {
    const light = await person('Lia', { colorScheme: 'light' });
    const dark = await person('Dan', { colorScheme: 'dark' });
    await joinRoom(light, room);
    await joinRoom(dark, room);
    await sendText(light, 'Morning! Does the dark theme look right to you?');
    await sendText(dark, 'Yes: easy on the eyes. Links too: https://example.org/docs');
    await expect.poll(() => messageTexts(light)).toHaveLength(2);
    expect(await background(light)).toBe('rgb(244, 245, 247)');
    expect(await background(dark)).toBe('rgb(13, 17, 23)');
    expect(
      await dark.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
        return getComputedStyle(document.body).color;
      }),
    ).toBe('rgb(230, 237, 243)');
    await screenshot(light, 'room-light');
    await screenshot(dark, 'room-dark');
  });
});

describe('on a phone', () => {
  it('keeps the header to one row', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const phone = await person(colorScheme === 'light' ? 'Pia' : 'Pat', {
        colorScheme,
        phone: true,
      });
      await phone.getByRole('button', { name: 'Chats' }).click();
      await joinRoom(phone, room);
      await expect.poll(() => messageTexts(phone)).toHaveLength(2);
      const rows = await phone.evaluate(() => {
        const { document } = globalThis as unknown as PageGlobals;
        const header = document.querySelector('header.top')!;
        const tops = [...header.children]
          .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().width > 1)
          .map((el) => {
            const r = el.getBoundingClientRect();
            return Math.round(r.top + r.height / 2);
          });
        return { height: header.getBoundingClientRect().height, centres: [...new Set(tops)] };
      });
      expect(rows.height).toBeLessThan(60);
      expect(Math.max(...rows.centres) - Math.min(...rows.centres)).toBeLessThanOrEqual(4);
      // Nothing sticks out sideways.
      expect(
        await phone.evaluate(
          () => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth,
        ),
      ).toBe(PHONE.width);
      await screenshot(phone, `phone-room-${colorScheme}`);
    }
  });

  it('opens drawers that close on a tap outside and on Escape', async () => {
    const phone = await person('Quinn', { colorScheme: 'dark', phone: true });
    // Unread news in the drawer shows on its button.
    const quinnId = await phone.locator('#my-user-id').textContent();
    const other = await person('Rae', { colorScheme: 'light' });
    await other.getByLabel('Message a user id').fill(quinnId!);
    await other.getByRole('button', { name: 'Open', exact: true }).click();
    await sendText(other, 'Are you on your phone?');
    await expect
      .poll(() => phone.locator('#toggle-conversations .badge').textContent())
      .toBe('1 unread');
    const chats = phone.getByRole('button', { name: 'Chats' });
    const sidebar = phone.locator('#sidebar');
    expect(await sidebar.isVisible()).toBe(false);
    await chats.click();
    expect(await sidebar.isVisible()).toBe(true);
    expect(await chats.getAttribute('aria-expanded')).toBe('true');
    await screenshot(phone, 'phone-drawer-dark');
    // A tap on the conversation beside the drawer closes it, and touches nothing under it.
    await phone.mouse.click(PHONE.width - 20, PHONE.height / 2);
    await expect.poll(() => sidebar.isVisible()).toBe(false);
    expect(await chats.getAttribute('aria-expanded')).toBe('false');

    const peopleToggle = phone.getByRole('button', { name: 'People' });
    await peopleToggle.click();
    expect(await phone.locator('#people').isVisible()).toBe(true);
    await phone.keyboard.press('Escape');
    await expect.poll(() => phone.locator('#people').isVisible()).toBe(false);
    expect(
      await phone.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.id),
    ).toBe('toggle-people');
  });
});

// A user's rooms follow them to a new device (PROTOCOL.md §2, the rooms list's `member`), in
// Chromium through the whole local stack: rooms joined on the desktop are in the phone's room list
// (not under "Browse rooms") with their unread counts, and stay there after a reload; a room left
// explicitly does not come back, and is only offered under "Browse rooms"; a room left on the phone
// leaves the desktop's list on its next reload.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import {
  expectConnected,
  joinRoom,
  messageTexts,
  openConversation,
  sendText,
  signIn,
  useBrowser,
} from './browser';

const { host } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const name = (prefix: string) => uniqueName(prefix).replace(/[^A-Za-z0-9_-]/g, '-');
const [kept, left] = [name('kept'), name('left')];

let desktop: Page;
let bob: Page;
let phone: Page;

const conversations = (page: Page) =>
  page.getByRole('navigation', { name: 'Conversations' }).locator('.conversation');
const titles = async (page: Page) =>
  (await conversations(page).allTextContents()).map((t) => t.trim());
const badge = (page: Page, title: string) =>
  conversations(page).filter({ hasText: title }).locator('.badge');

beforeAll(async () => {
  desktop = await (await browser.context()).newPage();
  bob = await (await browser.context()).newPage();
  await signIn(desktop, host().url, { name: 'Dora' });
  await signIn(bob, host().url, { name: 'Bob' });
});

describe('rooms on a new device', () => {
  it('lists the rooms joined on another device as yours, with unread, but not one left there', async () => {
    await joinRoom(desktop, kept);
    await joinRoom(desktop, left);
    await desktop.getByRole('button', { name: 'Leave room' }).click();
    await expect.poll(() => titles(desktop)).not.toContainEqual(expect.stringContaining(left));
    await joinRoom(bob, kept);
    await openConversation(desktop, '#lobby');
    for (const text of ['first', 'second']) await sendText(bob, text);
    await expect.poll(() => badge(desktop, `#${kept}`).textContent()).toBe('2 unread');

    const userId = await desktop.locator('#my-user-id').textContent();
    phone = await (await browser.context()).newPage();
    await signIn(phone, host().url, { name: 'Dora', userId: userId! });
    await expect.poll(() => badge(phone, `#${kept}`).textContent()).toBe('2 unread');
    expect(await titles(phone)).not.toContainEqual(expect.stringContaining(left));
    // Not offered to join again: it is already in the list. The room left is, as one joined before.
    const directory = phone.locator('#directory');
    await expect.poll(() => directory.locator(`li[data-room="${left}"]`).count()).toBe(1);
    expect(await directory.locator(`li[data-room="${kept}"]`).count()).toBe(0);

    // It is the phone's own room now: after a reload too, and it reads it.
    await phone.reload();
    await expectConnected(phone);
    await expect.poll(() => badge(phone, `#${kept}`).textContent()).toBe('2 unread');
    // Joined again by itself (its occupancy shows once joined) before it is opened.
    const entry = conversations(phone).filter({ hasText: `#${kept}` });
    await expect.poll(() => entry.locator('.occupancy').count()).toBe(1);
    await openConversation(phone, `#${kept}`);
    await expect
      .poll(() => messageTexts(phone))
      .toEqual(expect.arrayContaining(['first', 'second']));
    await expect.poll(() => badge(desktop, `#${kept}`).count()).toBe(0);
  });

  it('drops a room left on the phone from the desktop on its next reload, not joining it again', async () => {
    await openConversation(phone, `#${kept}`);
    await phone.getByRole('button', { name: 'Leave room' }).click();
    await expect.poll(() => titles(phone)).not.toContainEqual(expect.stringContaining(kept));
    await desktop.reload();
    await expectConnected(desktop);
    await expect.poll(() => desktop.locator(`#directory li[data-room="${kept}"]`).count()).toBe(1);
    expect(await titles(desktop)).not.toContainEqual(expect.stringContaining(kept));
    expect(await titles(desktop)).toContainEqual(expect.stringContaining('#lobby'));
    // Still left after the phone reloads too: the leave was not undone by the desktop.
    await phone.reload();
    await expectConnected(phone);
    await expect.poll(() => phone.locator(`#directory li[data-room="${kept}"]`).count()).toBe(1);
    expect(await titles(phone)).not.toContainEqual(expect.stringContaining(kept));
  });
});

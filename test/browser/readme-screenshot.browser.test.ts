// The README's picture of the web client, made the way a person would see it: three people talk in
// a room (a link, an edit, someone typing), a direct message waits unread. The test checks that
// scene and saves it to test/e2e/screenshots/readme-*.png; `UPDATE_DOCS_SCREENSHOT=1` also writes
// the light one to docs/web-client.png (see web/README.md).
import { copyFileSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../setup/host';
import { useStack } from '../setup/stack';
import {
  joinRoom,
  messageTexts,
  openConversation,
  screenshot,
  SCREENSHOTS,
  sendText,
  signIn,
  useBrowser,
} from './browser';

const { host } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const ROOM = 'design-review';

async function person(name: string, userId: string, colorScheme: 'light' | 'dark' = 'light') {
  const page = await (await browser.context({ colorScheme })).newPage();
  await signIn(page, host().url, { name, userId });
  return page;
}

async function editLast(page: Page, text: string): Promise<void> {
  const last = page.locator('#messages .message.mine').last();
  await last.hover();
  await last.getByRole('button', { name: 'Edit your message' }).click();
  const box = page.getByRole('textbox', { name: 'Edit message' });
  await box.fill(text);
  await box.press('Enter');
  await expect.poll(() => last.locator('.edited').count()).toBe(1);
}

describe('the README screenshot', () => {
  it('shows a real conversation', async () => {
    const ada = await person('Ada Lovelace', 'ada');
    const grace = await person('Grace Hopper', 'grace');
    const alan = await person('Alan Turing', 'alan');
    for (const page of [ada, grace, alan]) await joinRoom(page, ROOM);

    await sendText(
      grace,
      'Morning! The new composer is in: Enter sends, Shift+Enter starts a new line.',
    );
    await sendText(alan, 'Nice. What happens to a message I send on the train, offline?');
    await sendText(alan, 'It waits?');
    await expect.poll(async () => (await messageTexts(alan)).at(-1)).toBe('It waits?');
    await editLast(alan, 'Does it wait and go out later?');
    await sendText(
      ada,
      'It waits in the outbox, marked pending, and goes out once you are back: exactly once, even after a reload.',
    );
    await sendText(
      grace,
      'Notes and screenshots for the review: https://example.org/chat/design-review',
    );
    await expect.poll(async () => (await messageTexts(ada)).length).toBe(5);

    // A direct message for Ada, unread while she reads the room.
    await grace.getByRole('button', { name: 'Message Ada Lovelace' }).click();
    await sendText(grace, 'Can you present the offline part on Thursday?');
    await expect
      .poll(() =>
        ada.locator('.conversation', { hasText: 'Grace Hopper' }).locator('.badge').textContent(),
      )
      .toBe('1 unread');
    await openConversation(ada, `#${ROOM}`);
    await ada.locator('#toasts .toast-close').first().click();

    // Alan starts typing.
    await alan.locator('#message-text').pressSequentially('Looks good to me');
    await expect.poll(() => ada.locator('#typing').textContent()).toBe('Alan Turing is typing…');
    await ada.mouse.move(0, 0);
    expect(await ada.locator('#messages .message-text a').getAttribute('href')).toBe(
      'https://example.org/chat/design-review',
    );
    await screenshot(ada, 'readme-light');

    // Ada on another device, in the dark: the room is in her rooms list (joined on the other
    // device: PROTOCOL.md §2 `member`), with what she has not read.
    const dark = await person('Ada Lovelace', 'ada', 'dark');
    const entry = dark
      .getByRole('navigation', { name: 'Conversations' })
      .locator('.conversation', { hasText: `#${ROOM}` });
    await expect.poll(() => entry.locator('.occupancy').count()).toBe(1);
    await openConversation(dark, `#${ROOM}`);
    await expect.poll(async () => (await messageTexts(dark)).length).toBe(5);
    await screenshot(dark, 'readme-dark');

    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      copyFileSync(
        path.join(SCREENSHOTS, 'readme-light.png'),
        path.join(REPO_ROOT, 'docs/web-client.png'),
      );
    }
  });
});

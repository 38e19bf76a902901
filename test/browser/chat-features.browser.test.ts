// The chat features of PROTOCOL.md §2-§4 and §7 in Chromium, two people through the whole local
// stack, each checked across a reload: edit and delete your own messages, reactions, typing
// indicators, DM conversations with history and "read by", unread counts kept by the server,
// older history, and the rooms list with occupancy.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { PageGlobals } from './browser';
import {
  expectConnected,
  joinRoom,
  messageTexts,
  openConversation,
  screenshot,
  sendText,
  signIn,
  useBrowser,
} from './browser';

const { host } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const name = (prefix: string) => uniqueName(prefix).replace(/[^A-Za-z0-9_-]/g, '-');
const room = name('features');

let ada: Page;
let bob: Page;

const message = (page: Page, text: string | RegExp) =>
  page.locator('#messages .message', { hasText: text });
const badge = (page: Page, title: string) =>
  page
    .getByRole('navigation', { name: 'Conversations' })
    .locator('.conversation', { hasText: title })
    .locator('.badge');

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expectConnected(page);
}

beforeAll(async () => {
  ada = await (await browser.context()).newPage();
  bob = await (await browser.context()).newPage();
  await signIn(ada, host().url, { name: 'Ada' });
  await signIn(bob, host().url, { name: 'Bob' });
});

describe('edits, deletes and reactions', () => {
  it('edits your own message for everyone', async () => {
    await joinRoom(ada, room);
    await joinRoom(bob, room);
    await sendText(ada, 'helo everyone');
    await sendText(ada, 'this one goes');
    await expect.poll(() => messageTexts(bob)).toEqual(['helo everyone', 'this one goes']);
    const mine = message(ada, 'helo everyone');
    await mine.hover();
    await mine.getByRole('button', { name: 'Edit your message' }).click();
    const box = ada.getByRole('textbox', { name: 'Edit message' });
    await box.fill('hello everyone');
    await box.press('Enter');
    for (const page of [ada, bob]) {
      await expect.poll(() => messageTexts(page)).toEqual(['hello everyone', 'this one goes']);
      await expect.poll(() => message(page, 'hello everyone').locator('.edited').count()).toBe(1);
    }
    // Not Bob's to edit or delete.
    await message(bob, 'hello everyone').hover();
    expect(
      await message(bob, 'hello everyone')
        .getByRole('button', { name: 'Edit your message' })
        .count(),
    ).toBe(0);
    expect(
      await message(bob, 'hello everyone').getByRole('button', { name: 'Delete message' }).count(),
    ).toBe(0);
  });

  it('deletes your own message for everyone, after a confirmation', async () => {
    const doomed = message(ada, 'this one goes');
    await doomed.hover();
    await doomed.getByRole('button', { name: 'Delete message' }).click();
    await doomed.getByRole('button', { name: 'Confirm: delete this message' }).click();
    for (const page of [ada, bob]) {
      await expect
        .poll(() => page.locator('#messages .message-text.deleted').allTextContents())
        .toEqual(['This message was deleted.']);
    }
  });

  it('toggles reactions, one per person, counted for everyone', async () => {
    const target = message(bob, 'hello everyone');
    await target.hover();
    await target.getByRole('button', { name: /^React to/ }).click();
    await target.getByRole('button', { name: 'React with like' }).click();
    const like = (page: Page) =>
      message(page, 'hello everyone').locator('.reaction[data-reaction="like"]');
    await expect.poll(() => like(ada).textContent()).toBe('👍 1');
    expect(await like(bob).getAttribute('aria-pressed')).toBe('true');
    expect(await like(ada).getAttribute('aria-pressed')).toBe('false');
    await like(ada).click();
    await expect.poll(() => like(bob).textContent()).toBe('👍 2');
    await like(ada).click();
    await expect.poll(() => like(bob).textContent()).toBe('👍 1');
    await screenshot(ada, 'features-room');
  });

  it('reacts from the keyboard alone: the tools appear on focus, Escape closes the picker', async () => {
    const mine = message(ada, 'hello everyone');
    const react = mine.getByRole('button', { name: /^React to/ });
    await react.focus();
    expect(await react.isVisible()).toBe(true);
    await ada.keyboard.press('Enter');
    expect(await react.getAttribute('aria-expanded')).toBe('true');
    await ada.keyboard.press('Escape');
    expect(await react.getAttribute('aria-expanded')).toBe('false');
    expect(
      await ada.evaluate(
        () => (globalThis as unknown as PageGlobals).document.activeElement?.textContent,
      ),
    ).toBe('React');
    await ada.keyboard.press('Enter');
    // The picker's first choice has focus: Tab to the last one (celebrate) and pick it.
    for (let i = 0; i < 5; i++) await ada.keyboard.press('Tab');
    await ada.keyboard.press('Enter');
    await expect
      .poll(() =>
        message(bob, 'hello everyone')
          .locator('.reaction[data-reaction="celebrate"]')
          .textContent(),
      )
      .toBe('🎉 1');
  });

  it('shows all of it the same after a reload', async () => {
    await reload(bob);
    await openConversation(bob, `#${room}`);
    await expect
      .poll(() => messageTexts(bob))
      .toEqual(['hello everyone', 'This message was deleted.']);
    const like = message(bob, 'hello everyone').locator('.reaction[data-reaction="like"]');
    await expect.poll(() => like.textContent()).toBe('👍 1');
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await message(bob, 'hello everyone').locator('.edited').count()).toBe(1);
  });
});

describe('typing', () => {
  it('shows who is typing, and stops when they clear the box', async () => {
    await bob.locator('#message-text').fill('');
    await bob.locator('#message-text').pressSequentially('I am wri');
    await expect.poll(() => ada.locator('#typing').textContent()).toBe('Bob is typing…');
    await screenshot(ada, 'typing');
    await bob.locator('#message-text').press('ControlOrMeta+a');
    await bob.locator('#message-text').press('Backspace');
    await expect.poll(() => ada.locator('#typing').textContent()).toBe('');
  });

  it('stops showing it when their message arrives', async () => {
    await bob.locator('#message-text').pressSequentially('done typing');
    await expect.poll(() => ada.locator('#typing').textContent()).toBe('Bob is typing…');
    await bob.locator('#message-text').press('Enter');
    await expect.poll(() => messageTexts(ada)).toContain('done typing');
    await expect.poll(() => ada.locator('#typing').textContent()).toBe('');
  });
});

describe('direct messages', () => {
  it('starts from the member list, keeps its history across reloads, and says when it was read', async () => {
    await ada.getByRole('button', { name: 'Message Bob' }).click();
    await expect.poll(() => ada.locator('#conversation-title').textContent()).toBe('Bob');
    await expect
      .poll(() => ada.locator('#empty-state').textContent())
      .toBe('This is the start of your conversation with Bob.');
    await sendText(ada, 'Lunch at one?');
    await sendText(ada, 'The usual place.');
    await expect.poll(() => badge(bob, 'Ada').textContent()).toBe('2 unread');
    await reload(bob);
    // The DM comes back from the server, unread count and all.
    await expect.poll(() => badge(bob, 'Ada').textContent()).toBe('2 unread');
    await openConversation(bob, 'Ada');
    await expect.poll(() => messageTexts(bob)).toEqual(['Lunch at one?', 'The usual place.']);
    await expect.poll(() => ada.locator('.read-by').textContent()).toBe('Read by Bob');
    expect(await message(ada, 'The usual place.').locator('.read-by').count()).toBe(1);
    await sendText(bob, 'Sounds good.');
    await reload(ada);
    await openConversation(ada, 'Bob');
    await expect
      .poll(() => messageTexts(ada))
      .toEqual(['Lunch at one?', 'The usual place.', 'Sounds good.']);
    await screenshot(ada, 'direct-history');
  });
});

describe('read state and older history', () => {
  it('keeps unread counts on the server: across reloads, cleared by reading', async () => {
    await openConversation(ada, 'Bob');
    await openConversation(bob, `#${room}`);
    for (const text of ['one', 'two', 'three']) await sendText(bob, text);
    await expect.poll(() => badge(ada, `#${room}`).textContent()).toBe('3 unread');
    await reload(ada);
    await expect.poll(() => badge(ada, `#${room}`).textContent()).toBe('3 unread');
    await openConversation(ada, `#${room}`);
    await expect.poll(() => badge(ada, `#${room}`).count()).toBe(0);
    await expect.poll(() => messageTexts(ada)).toContain('three');
    await reload(ada);
    await openConversation(ada, 'Bob');
    await expect.poll(() => messageTexts(ada)).toContain('Sounds good.');
    expect(await badge(ada, `#${room}`).count()).toBe(0);
  });

  it('follows the user across devices: reading on one clears the count on the other', async () => {
    const adaId = await ada.locator('#my-user-id').textContent();
    const phone = await (
      await browser.context({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await signIn(phone, host().url, { name: 'Ada', userId: adaId! });
    await phone.getByRole('button', { name: 'Chats' }).click();
    await joinRoom(phone, room);
    await openConversation(ada, 'Bob');
    // The phone looks elsewhere while Bob writes: both devices count it.
    await phone.getByRole('button', { name: 'Chats' }).click();
    await openConversation(phone, '#lobby');
    await sendText(bob, 'for both of your devices');
    await expect.poll(() => badge(ada, `#${room}`).textContent()).toBe('1 unread');
    await phone.getByRole('button', { name: 'Chats' }).click();
    await expect.poll(() => badge(phone, `#${room}`).textContent()).toBe('1 unread');
    // Read on the phone: the desktop's count goes too.
    await openConversation(phone, `#${room}`);
    await expect.poll(() => messageTexts(phone)).toContain('for both of your devices');
    await expect.poll(() => badge(ada, `#${room}`).count()).toBe(0);
  });

  it('loads older messages beyond the first page, in order, with no gaps', async () => {
    const long = name('long');
    await joinRoom(bob, long);
    // Sent a few at a time: within the rate limit (PROTOCOL.md §2).
    await bob.evaluate(async () => {
      const { document } = globalThis as unknown as PageGlobals;
      const box = document.querySelector('#message-text')!;
      const form = document.querySelector('#composer')!;
      for (let i = 1; i <= 60; i++) {
        box.value = `n${i}`;
        form.requestSubmit();
        await new Promise((r) => setTimeout(r, 70));
      }
    });
    await expect
      .poll(async () => (await messageTexts(bob)).at(-1), { timeout: 20_000 })
      .toBe('n60');
    await joinRoom(ada, long);
    await expect.poll(async () => (await messageTexts(ada)).length).toBe(50);
    expect((await messageTexts(ada))[0]).toBe('n11');
    await ada.getByRole('button', { name: 'Load older messages' }).click();
    const all = Array.from({ length: 60 }, (_, i) => `n${i + 1}`);
    await expect.poll(() => messageTexts(ada)).toEqual(all);
    await expect.poll(() => ada.locator('#load-older').isVisible()).toBe(false);
  });
});

describe('finding rooms', () => {
  it('lists public rooms with their occupancy, and joins one from the list', async () => {
    const cleo = await (await browser.context()).newPage();
    await signIn(cleo, host().url, { name: 'Cleo' });
    const entry = cleo.locator(`#directory li[data-room="${room}"]`);
    await expect.poll(() => entry.locator('.occupancy').textContent()).toBe(' 2 here');
    await screenshot(cleo, 'browse-rooms');
    await entry.getByRole('button', { name: `Join #${room}` }).click();
    await expect.poll(() => cleo.locator('#conversation-title').textContent()).toBe(`#${room}`);
    await expect.poll(() => messageTexts(cleo)).toContain('hello everyone');
    // Ada's view of the room counts Cleo too.
    await openConversation(ada, `#${room}`);
    await expect
      .poll(() =>
        ada
          .locator('.conversation', { hasText: `#${room}` })
          .locator('.occupancy')
          .textContent(),
      )
      .toBe(' · 3');
  });
});

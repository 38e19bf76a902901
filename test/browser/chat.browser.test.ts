// The web client in a real browser through the whole local stack (Azurite, emulator, offline host
// with its local sign-in): two people sign in, share a room, see each other, talk directly, one
// drops off the network and comes back to everything it missed, and an admin's announcement
// reaches both. Screenshots of the main views go to test/e2e/screenshots/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { queueClient } from '../setup/azurite';
import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import {
  connectionState,
  expectConnected,
  joinRoom,
  members,
  messageTexts,
  openConversation,
  screenshot,
  sendText,
  signIn,
  useBrowser,
} from './browser';

const { host, azurite } = useStack({ WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();
const room = uniqueName('room').replace(/[^A-Za-z0-9_-]/g, '-');

let ada: Page;
let bob: Page;
let bobContext: Awaited<ReturnType<typeof browser.context>>;

beforeAll(async () => {
  ada = await (await browser.context()).newPage();
  bobContext = await browser.context();
  bob = await bobContext.newPage();
  await signIn(ada, host().url, { name: 'Ada', admin: true });
  await signIn(bob, host().url, { name: 'Bob' });
});

describe('the web client', () => {
  it('signs two people in and shows who they are', async () => {
    await expect.poll(() => ada.locator('#who-name').textContent()).toBe('Ada');
    expect(await ada.locator('#who .role').allTextContents()).toEqual(['admin']);
    await expect.poll(() => bob.locator('#who-name').textContent()).toBe('Bob');
    expect(await bob.locator('#who .role').count()).toBe(0);
  });

  it('joins a room and shows each member the other, live', async () => {
    await joinRoom(ada, room);
    await joinRoom(bob, room);
    await expect.poll(() => members(ada)).toEqual(['Ada (you)', 'Bob']);
    await expect.poll(() => members(bob)).toEqual(['Ada', 'Bob (you)']);
  });

  it('delivers room messages to both, in order, once', async () => {
    await sendText(ada, 'Hello Bob');
    await expect.poll(() => messageTexts(bob)).toEqual(['Hello Bob']);
    await sendText(bob, 'Hi Ada');
    await expect.poll(() => messageTexts(ada)).toEqual(['Hello Bob', 'Hi Ada']);
    await expect.poll(() => messageTexts(bob)).toEqual(['Hello Bob', 'Hi Ada']);
    await screenshot(ada, 'room');
  });

  it('sends a direct message from the people list; the other sees a toast and the thread', async () => {
    await ada.getByRole('button', { name: 'Message Bob' }).click();
    await expect.poll(() => ada.locator('#conversation-title').textContent()).toBe('Bob');
    await sendText(ada, 'Just between us');
    await expect.poll(() => messageTexts(ada)).toEqual(['Just between us']);
    const toast = bob.locator('#toasts .toast', { hasText: 'Message from Ada' });
    await expect.poll(() => toast.count()).toBe(1);
    await openConversation(bob, 'Ada');
    await expect.poll(() => messageTexts(bob)).toEqual(['Just between us']);
    await screenshot(bob, 'direct-message');
    await openConversation(bob, `#${room}`);
    await openConversation(ada, `#${room}`);
  });

  it('shows offline, and after the network returns shows what was missed, no gaps, no duplicates', async () => {
    await bobContext.setOffline(true);
    await expect.poll(() => connectionState(bob)).toBe('offline');
    // The server saw Bob's connection close: Ada's list drops him.
    await expect.poll(() => members(ada)).toEqual(['Ada (you)']);
    await screenshot(bob, 'offline');
    for (const text of ['missed 1', 'missed 2', 'missed 3']) await sendText(ada, text);
    await bobContext.setOffline(false);
    await expectConnected(bob);
    const all = ['Hello Bob', 'Hi Ada', 'missed 1', 'missed 2', 'missed 3'];
    await expect.poll(() => messageTexts(bob)).toEqual(all);
    await expect.poll(() => members(ada)).toEqual(['Ada (you)', 'Bob']);
    await sendText(bob, 'back');
    await expect.poll(() => messageTexts(ada)).toEqual([...all, 'back']);
    expect(await messageTexts(bob)).toEqual([...all, 'back']);
  });

  it("delivers an admin's announcement to everyone, as a toast and in Announcements", async () => {
    await openConversation(ada, 'Everyone');
    await sendText(ada, 'Maintenance at noon');
    const toast = bob.locator('#toasts .toast', { hasText: 'Announcement from Ada' });
    await expect.poll(() => toast.count()).toBe(1);
    await expect.poll(() => messageTexts(ada)).toEqual(['Maintenance at noon']);
    // Ada is reading Announcements: news of the open conversation is no toast.
    expect(await ada.locator('#toasts .toast', { hasText: 'Announcement' }).count()).toBe(0);
    // Opening what the toast announced clears it.
    await openConversation(bob, 'Everyone');
    await expect.poll(() => toast.count()).toBe(0);
    await expect.poll(() => messageTexts(bob)).toEqual(['Maintenance at noon']);
    // Only admins may post there: Bob's message box says so and is disabled.
    expect(await bob.locator('#message-text').isDisabled()).toBe(true);
  });

  it('keeps announcements across a reload, and shows them unread to someone who was away', async () => {
    await bob.reload();
    await expectConnected(bob);
    await openConversation(bob, 'Everyone');
    await expect.poll(() => messageTexts(bob)).toEqual(['Maintenance at noon']);
    await ada.reload();
    await expectConnected(ada);
    await openConversation(ada, 'Everyone');
    await expect.poll(() => messageTexts(ada)).toEqual(['Maintenance at noon']);
    // Dee signs in after it was sent: it is there, unread, and read once opened (on reload too).
    const dee = await (await browser.context()).newPage();
    await signIn(dee, host().url, { name: 'Dee' });
    const everyone = dee
      .getByRole('navigation', { name: 'Conversations' })
      .locator('.conversation', { hasText: 'Everyone' });
    await expect.poll(() => everyone.locator('.badge').textContent()).toBe('1 unread');
    await openConversation(dee, 'Everyone');
    await expect.poll(() => messageTexts(dee)).toEqual(['Maintenance at noon']);
    await expect.poll(() => everyone.locator('.badge').count()).toBe(0);
    await dee.reload();
    await expectConnected(dee);
    await expect.poll(() => everyone.count()).toBe(1);
    // Read before the reload: the server kept it, so no unread count comes back.
    await expect.poll(() => everyone.locator('.badge').count()).toBe(0);
  });

  it('shows server notifications as toasts: from the publish API and from the queue', async () => {
    const bobId = await bob.evaluate(async () => {
      const me = (await (await fetch('/.auth/me')).json()) as {
        clientPrincipal: { userId: string };
      };
      return me.clientPrincipal.userId;
    });
    const published = await fetch(`${host().url}/api/publish`, {
      method: 'POST',
      headers: { 'x-functions-key': host().keys.functionKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        to: { user: bobId },
        data: {
          type: 'notification',
          title: 'Build finished',
          body: 'All green',
          level: 'success',
        },
      }),
    });
    expect(published.status).toBe(202);
    const fromApi = bob.locator('#toasts .toast[data-level="success"]', {
      hasText: 'Build finished',
    });
    await expect.poll(() => fromApi.count()).toBe(1);
    await screenshot(bob, 'notification');

    await queueClient(azurite(), 'notifications').sendMessage(
      // host.json's messageEncoding is "none": the SDK's plain text, as a producer sends it.
      JSON.stringify({ to: { room }, title: 'Room notice', level: 'warning' }),
    );
    for (const page of [ada, bob]) {
      const fromQueue = page.locator('#toasts .toast[data-level="warning"]', {
        hasText: 'Room notice',
      });
      await expect.poll(() => fromQueue.count(), { timeout: 20_000 }).toBe(1);
    }
  });

  it('lets a guest in when the app allows guests', async () => {
    const guest = await (await browser.context()).newPage();
    await guest.goto(`${host().url}/`);
    await guest.getByRole('button', { name: 'Continue as guest' }).click();
    await expectConnected(guest);
    expect(await guest.locator('#who-name').textContent()).toMatch(/^Guest /);
    expect(await guest.locator('#who .role').allTextContents()).toEqual(['guest']);
  });

  it('fits a phone-sized screen: the conversation list opens as a panel', async () => {
    const phone = await (
      await browser.context({ viewport: { width: 390, height: 844 } })
    ).newPage();
    await signIn(phone, host().url, { name: 'Cleo' });
    expect(await phone.locator('#sidebar').isVisible()).toBe(false);
    const toggle = phone.getByRole('button', { name: 'Chats' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await screenshot(phone, 'phone-conversations');
    // Joining picks the room and closes the panel again.
    await joinRoom(phone, room);
    expect(await phone.locator('#sidebar').isVisible()).toBe(false);
    await expect.poll(() => messageTexts(phone)).toContain('back');
    await openConversation(ada, `#${room}`);
    await expect.poll(() => members(ada)).toEqual(['Ada (you)', 'Bob', 'Cleo']);
    await screenshot(phone, 'phone-room');
    // Leaving takes the room off Cleo's list and Cleo off everyone else's.
    await phone.getByRole('button', { name: 'Leave room' }).click();
    await expect.poll(() => phone.locator('#conversation-title').textContent()).toBe('#lobby');
    await expect.poll(() => members(ada)).toEqual(['Ada (you)', 'Bob']);
  });
});

// Debian's Chromium driven by playwright-core (never a downloaded browser), one per test file, and
// helpers to sign a user in through the offline host's local sign-in and wait for the chat.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import { REPO_ROOT } from '../setup/host';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test/e2e/screenshots');

// The flags this machine needs: no GPU, no sandbox as root, and no background calls to the network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  /** A fresh context (its own cookies and storage): one user. */
  context(options?: {
    viewport?: { width: number; height: number };
    colorScheme?: 'light' | 'dark';
  }): Promise<BrowserContext>;
}

export function useBrowser(): TestBrowser {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      // Fail, never skip: CI installs it (.ci/run), and a silent skip would hide the whole suite.
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install Debian's package (sudo apt-get install -y chromium) ` +
          'or set CHROMIUM_PATH. The browser tests never download a browser.',
      );
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    async context(options = {}) {
      if (!browser) throw new Error('the browser has not started');
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1200, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
        locale: 'en-GB',
        timezoneId: 'UTC',
      });
      // Fail within a test's time with Playwright's own message, not vitest's timeout.
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      return context;
    },
  };
}

export interface SignInOptions {
  name: string;
  userId?: string;
  admin?: boolean;
}

/** Signs in through `/.auth/login/aad` (the form a person uses) and waits for the chat. */
export async function signIn(page: Page, hostUrl: string, o: SignInOptions): Promise<void> {
  await page.goto(`${hostUrl}/.auth/login/aad?post_login_redirect_uri=/`);
  await page.getByLabel('User name').fill(o.name);
  if (o.userId) await page.getByLabel('User id').fill(o.userId);
  if (o.admin) await page.getByLabel('admin').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${hostUrl}/`);
  await expectConnected(page);
}

/** Waits for the page to say it is connected (Playwright's wait: it also works in hooks). */
export async function expectConnected(page: Page): Promise<void> {
  await page
    .locator('#connection-status[data-state="connected"]')
    .waitFor({ state: 'visible', timeout: 20_000 });
}

export function connectionState(page: Page): Promise<string | null> {
  return page.locator('#connection-status').getAttribute('data-state');
}

/** Joins a room through the sidebar form and waits until the server has answered. */
export async function joinRoom(page: Page, room: string): Promise<void> {
  await page.getByLabel('Join a room').fill(room);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect.poll(() => page.locator('#conversation-title').textContent()).toBe(`#${room}`);
  await expect.poll(() => page.locator('#conversation-state').textContent()).toBe('');
}

export async function openConversation(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) })
    .click();
  await expect.poll(() => page.locator('#conversation-title').textContent()).toBe(title);
}

export async function sendText(page: Page, text: string): Promise<void> {
  await page.locator('#message-text').fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('#message-text').inputValue()).toBe('');
}

/** The texts of the open conversation's messages, in the order shown. */
export function messageTexts(page: Page): Promise<string[]> {
  return page.locator('#messages .message-text').allTextContents();
}

export async function members(page: Page): Promise<string[]> {
  return page.locator('#members .member-name').allTextContents();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The little of the DOM the tests' page scripts use, typed by hand: the tests compile without the
 * DOM library (its `fetch` and `Buffer` types clash with Node's). In a script run by `evaluate`:
 * `const { document } = globalThis as unknown as PageGlobals;` (a type only, erased).
 */
export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
    activeElement: PageElement | null;
    documentElement: PageElement;
    body: PageElement;
  };
  location: { hash: string };
  getComputedStyle: (el: PageElement) => { backgroundColor: string; color: string };
}

export interface PageElement {
  id: string;
  textContent: string | null;
  outerHTML: string;
  offsetParent: unknown;
  scrollTop: number;
  scrollWidth: number;
  value: string;
  children: Iterable<PageElement>;
  labels?: { length: number } | null;
  validity: { valid: boolean; patternMismatch: boolean };
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  getBoundingClientRect(): {
    left: number;
    right: number;
    top: number;
    bottom: number;
    width: number;
    height: number;
  };
  requestSubmit(): void;
}

// A page nobody signed in to, with guests turned off: it shows the sign-in choices, says guests are
// not allowed when asked, and cannot negotiate a connection by any route.
import type { WebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { useStack } from '../setup/stack';
import { screenshot, useBrowser } from './browser';

const { host } = useStack({ CHAT_ALLOW_GUESTS: 'false', WEBSITE_AUTH_ENABLED: 'true' });
const browser = useBrowser();

describe('without signing in', () => {
  it('offers sign-in, refuses guests, and never opens a connection', async () => {
    const page = await (await browser.context()).newPage();
    const sockets: WebSocket[] = [];
    page.on('websocket', (ws) => sockets.push(ws));
    await page.goto(`${host().url}/`);
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await signIn.waitFor();
    expect(await signIn.getAttribute('href')).toBe('/.auth/login/aad?post_login_redirect_uri=%2F');
    await screenshot(page, 'sign-in');

    await page.getByRole('button', { name: 'Continue as guest' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Guests are not allowed/);

    const statuses = await page.evaluate(async () => {
      const status = async (path: string, init?: RequestInit) => (await fetch(path, init)).status;
      return [
        await status('/api/negotiate', { method: 'POST' }),
        await status('/api/negotiate'),
        await status('/api/negotiate/guest'),
        // Principal headers a page makes up are dropped before the app sees them.
        await status('/api/negotiate', { headers: { 'x-ms-client-principal-id': 'mallory' } }),
      ];
    });
    // PROTOCOL.md says 401 for /api/negotiate; the app may fail earlier (its userId binding
    // expression has no header to read), which refuses all the same. Never a 2xx.
    const [post, get, guest, forged] = statuses;
    for (const status of [post, get, forged]) expect(status).toBeGreaterThanOrEqual(400);
    expect(guest).toBe(403);
    expect(await page.evaluate(() => fetch('/.auth/me').then((r) => r.json()))).toEqual({
      clientPrincipal: null,
    });
    expect(sockets).toEqual([]);
  });

  it('signs in through the local sign-in page, whose form is labelled for every field', async () => {
    const page = await (await browser.context()).newPage();
    await page.goto(`${host().url}/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('User name').waitFor();
    await screenshot(page, 'local-sign-in-form');
    for (const label of ['User name', 'User id', 'admin', 'Other roles']) {
      expect(await page.getByLabel(label).count()).toBe(1);
    }
    await page.getByLabel('User name').fill('Dana');
    await page.keyboard.press('Enter');
    await page.locator('#connection-status[data-state="connected"]').waitFor();
    expect(await page.locator('#who-name').textContent()).toBe('Dana');
  });
});

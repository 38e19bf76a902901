// The offline host's local sign-in (App Service Authentication emulation) over real HTTP: the form,
// the session cookie, `/.auth/me` and `/.auth/logout`, the principal headers an HTTP trigger sees,
// the client's own principal headers dropped, and the webhook left alone.
import { describe, expect, it } from 'vitest';

import { useHost } from '../setup/host';
import { useWpsStack } from '../setup/wps-host';

const stack = useWpsStack({ WEBSITE_AUTH_ENABLED: 'true' });
const url = (path: string) => `${stack.host().url}${path}`;

async function signIn(fields: Record<string, string | string[]>): Promise<Response> {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  }
  return fetch(url('/.auth/login/aad'), { method: 'POST', body: form, redirect: 'manual' });
}

function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

/** The user id the app's negotiate put in the token: `{headers.x-ms-client-principal-name}`. */
async function negotiatedName(headers: Record<string, string>): Promise<string | undefined> {
  const res = await fetch(url('/api/wps/negotiate-principal'), { headers });
  // Without the header the binding expression has nothing to resolve, and the function fails.
  if (res.status !== 200) return undefined;
  const { accessToken } = (await res.json()) as { accessToken: string };
  const payload = JSON.parse(
    Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as { sub?: string };
  return payload.sub;
}

describe('local sign-in', () => {
  it('shows an accessible form with labels for the name, the optional id and the roles', async () => {
    const res = await fetch(url('/.auth/login/aad?post_login_redirect_uri=/rooms'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('<label for="name">User name</label>');
    expect(page).toMatch(/<label for="userId">User id/);
    expect(page).toContain('<legend>Roles</legend>');
    expect(page).toContain('name="post_login_redirect_uri" value="/rooms"');
  });

  it('sets an HttpOnly cookie and redirects; /.auth/me then describes the user', async () => {
    const res = await signIn({
      name: 'Ada',
      roles: 'admin',
      otherRoles: 'ops, qa',
      post_login_redirect_uri: '/chat?x=1',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/chat?x=1');
    expect(res.headers.get('set-cookie')).toMatch(/^AppServiceAuthSession=.+; Path=\/; HttpOnly/);
    const me = (await (
      await fetch(url('/.auth/me'), { headers: { cookie: cookieOf(res) } })
    ).json()) as {
      clientPrincipal: {
        identityProvider: string;
        userId: string;
        userDetails: string;
        userRoles: string[];
      };
    };
    expect(me.clientPrincipal).toMatchObject({
      identityProvider: 'aad',
      userDetails: 'Ada',
      userRoles: ['anonymous', 'authenticated', 'admin', 'ops', 'qa'],
    });
    expect(me.clientPrincipal.userId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives the same name the same id, and takes an explicit id', async () => {
    const id = async (res: Response) =>
      (
        (await (await fetch(url('/.auth/me'), { headers: { cookie: cookieOf(res) } })).json()) as {
          clientPrincipal: { userId: string };
        }
      ).clientPrincipal.userId;
    expect(await id(await signIn({ name: 'Grace' }))).toBe(
      await id(await signIn({ name: 'grace' })),
    );
    expect(await id(await signIn({ name: 'Grace', userId: 'grace-1' }))).toBe('grace-1');
  });

  it('answers a bad form with the form again and the problem as an alert, and no cookie', async () => {
    const res = await signIn({ name: '', userId: 'bad id!' });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('role="alert"');
    const roles = await signIn({ name: 'x', otherRoles: 'no spaces allowed' });
    expect(roles.status).toBe(400);
  });

  it('redirects only to paths on this host', async () => {
    for (const target of ['https://evil.example/', '//evil.example', '/\\evil.example', 'x']) {
      const res = await signIn({ name: 'Ada', post_login_redirect_uri: target });
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('answers /.auth/me with a null principal without a session or with a forged cookie', async () => {
    const anon = await (await fetch(url('/.auth/me'))).json();
    expect(anon).toEqual({ clientPrincipal: null });
    const forged = await fetch(url('/.auth/me'), {
      headers: { cookie: 'AppServiceAuthSession=not-base64-json' },
    });
    expect(await forged.json()).toEqual({ clientPrincipal: null });
  });

  it('clears the cookie on /.auth/logout and redirects', async () => {
    const res = await fetch(url('/.auth/logout?post_logout_redirect_uri=/bye'), {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/bye');
    expect(res.headers.get('set-cookie')).toMatch(/^AppServiceAuthSession=; .*Max-Age=0/);
  });
});

describe('principal headers', () => {
  it('adds the signed-in user to HTTP trigger requests as App Service does', async () => {
    const cookie = cookieOf(await signIn({ name: 'Linus' }));
    expect(await negotiatedName({ cookie })).toBe('Linus');
  });

  it("drops the client's own x-ms-client-principal* headers, signed in or not", async () => {
    const forged = { 'x-ms-client-principal-name': 'mallory', 'x-ms-client-principal-id': 'm' };
    expect(await negotiatedName(forged)).toBeUndefined();
    const cookie = cookieOf(await signIn({ name: 'Linus' }));
    expect(await negotiatedName({ ...forged, cookie })).toBe('Linus');
  });

  it('leaves the Web PubSub webhook alone', async () => {
    const res = await stack.post({ event: 'connect', body: '{}' }, 'OPTIONS');
    expect(res.status).toBe(200);
  });
});

describe('switched off', () => {
  const plain = useHost();
  it('is off unless WEBSITE_AUTH_ENABLED is true: /.auth is not there', async () => {
    expect((await fetch(`${plain().url}/.auth/me`)).status).toBe(404);
  });
});

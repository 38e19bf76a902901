// Who the user is, as the app's negotiate says (PROTOCOL.md §1): a signed-in principal through App
// Service Authentication (locally, the offline host's sign-in), or a guest when the app allows it.
import type { NegotiateResult } from '../../chat-contract/negotiate';

export type SignInMode = 'user' | 'guest';

import type { Identity } from './session';

export type { Identity } from './session';
export { isAdmin } from './session';

export interface Negotiated {
  url: string;
  identity: Identity;
}

export type NegotiateErrorCode = 'Unauthenticated' | 'GuestsDisabled' | 'Unavailable';

export class NegotiateError extends Error {
  constructor(
    readonly code: NegotiateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MODE_KEY = 'chat.signInMode';

export function savedMode(): SignInMode {
  return sessionStorage.getItem(MODE_KEY) === 'guest' ? 'guest' : 'user';
}

export function saveMode(mode: SignInMode): void {
  if (mode === 'guest') sessionStorage.setItem(MODE_KEY, 'guest');
  else sessionStorage.removeItem(MODE_KEY);
}

/** App Service Authentication's sign-in page, coming back to this page. */
export function signInUrl(provider = 'aad'): string {
  return `/.auth/login/${provider}?post_login_redirect_uri=${encodeURIComponent(location.pathname)}`;
}

export function signOutUrl(): string {
  return `/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(location.pathname)}`;
}

/**
 * Whether App Service Authentication says someone is signed in: `/.auth/me` answers an array in
 * App Service (empty, or 401, when nobody is) and `{ clientPrincipal }` in the Static Web Apps
 * shape the local sign-in uses. Undefined when there is no `/.auth` (say, `func start`).
 */
export async function signedIn(): Promise<boolean | undefined> {
  try {
    const res = await fetch('/.auth/me', { credentials: 'same-origin', cache: 'no-store' });
    if (res.status === 401) return false;
    if (!res.ok || !/json/.test(res.headers.get('content-type') ?? '')) return undefined;
    const body: unknown = await res.json();
    if (Array.isArray(body)) return body.length > 0;
    if (body && typeof body === 'object' && 'clientPrincipal' in body) {
      return body.clientPrincipal != null;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

export async function negotiate(mode: SignInMode, signal?: AbortSignal): Promise<Negotiated> {
  let res: Response;
  try {
    res = await fetch(mode === 'guest' ? '/api/negotiate/guest' : '/api/negotiate', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    });
  } catch {
    throw new NegotiateError('Unavailable', 'The server cannot be reached.');
  }
  if (res.status === 401) throw new NegotiateError('Unauthenticated', 'Sign in first.');
  if (res.status === 403) {
    throw new NegotiateError('GuestsDisabled', 'Guests are not allowed here: sign in instead.');
  }
  if (!res.ok) {
    throw new NegotiateError(
      'Unavailable',
      `No connection for you (the server answered ${res.status}): sign in, or try again later.`,
    );
  }
  // The app's own answer: its shape is the contract's (checked by the e2e tests, not here).
  const body = (await res.json()) as NegotiateResult;
  return {
    url: body.url,
    identity: {
      userId: body.userId,
      name: body.name,
      roles: body.roles,
      guest: mode === 'guest',
    },
  };
}

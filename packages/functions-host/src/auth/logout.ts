// `/.auth/logout`: ends the session and redirects to `post_logout_redirect_uri` (default `/`).
import { redirect, safeRedirect } from './redirect';
import type { AuthReply } from './reply';
import { clearedSessionCookie } from './session-cookie';

export function logout(url: URL): AuthReply {
  const reply = redirect(safeRedirect(url.searchParams.get('post_logout_redirect_uri')));
  return { ...reply, headers: { ...reply.headers, 'set-cookie': clearedSessionCookie() } };
}

// `/.auth/login/<provider>`: GET shows the form; POST (form-encoded) checks it, sets the session
// cookie and redirects to `post_login_redirect_uri` (a path on this host), as App Service does
// after the provider's round trip.
import type { IncomingMessage } from 'node:http';

import { readBody } from '../http/request';
import { localUser, PROVIDER } from './local-user';
import { loginForm } from './login-form';
import { redirect, safeRedirect } from './redirect';
import type { AuthReply } from './reply';
import { html, jsonError } from './reply';
import { sessionCookie, sessionOf } from './session-cookie';

const MAX_FORM_BYTES = 16 * 1024;

export async function login(req: IncomingMessage, url: URL, provider: string): Promise<AuthReply> {
  if (!PROVIDER.test(provider)) return jsonError(404, 'NotFound', 'No such identity provider.');
  if (req.method === 'GET' || req.method === 'HEAD') {
    const target = safeRedirect(url.searchParams.get('post_login_redirect_uri'));
    return html(200, loginForm({ provider, redirect: target, current: sessionOf(req) }));
  }
  if (req.method !== 'POST') return { status: 405, headers: { allow: 'GET, POST' } };
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    return jsonError(415, 'UnsupportedMediaType', 'Send the sign-in form (form-urlencoded).');
  }
  const body = await readBody(req, MAX_FORM_BYTES);
  if (body === 'too-large') return jsonError(413, 'TooLarge', 'The form is too large.');
  const form = new URLSearchParams(body.toString('utf8'));
  const target = safeRedirect(
    form.get('post_login_redirect_uri') ?? url.searchParams.get('post_login_redirect_uri'),
  );
  const roles = [...form.getAll('roles'), ...(form.get('otherRoles') ?? '').split(',')].filter(
    (r) => r.trim(),
  );
  const input = {
    provider,
    name: form.get('name') ?? '',
    userId: form.get('userId') ?? '',
    roles,
  };
  const result = localUser(input);
  if ('problem' in result) {
    return html(400, loginForm({ ...input, redirect: target, problem: result.problem }));
  }
  const reply = redirect(target);
  return { ...reply, headers: { ...reply.headers, 'set-cookie': sessionCookie(result.user) } };
}

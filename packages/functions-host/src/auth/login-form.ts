// The local sign-in page: a small, accessible form for a user name, an optional user id and roles.
// Every value that came from a request is escaped.
import type { LocalUser } from './local-user';

export interface LoginFormValues {
  provider: string;
  redirect: string;
  name?: string;
  userId?: string;
  roles?: string[];
  problem?: string;
  current?: LocalUser | undefined;
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function loginForm(v: LoginFormValues): string {
  const roles = v.roles ?? [];
  const otherRoles = roles.filter((r) => r !== 'admin').join(', ');
  const problem = v.problem
    ? `<p id="problem" class="problem" role="alert">${escape(v.problem)}</p>`
    : '';
  const current = v.current
    ? `<p>Signed in now as <strong>${escape(v.current.name)}</strong>; this replaces that session.</p>`
    : '';
  const describedBy = v.problem ? ' aria-describedby="problem"' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in (local)</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 26rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px #0003; }
  h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
  label, legend { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text] { box-sizing: border-box; width: 100%; font: inherit; padding: .5rem; margin-top: .25rem; border: 1px solid #57606a; border-radius: 4px; }
  fieldset { border: 0; padding: 0; margin: 0; }
  .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
  .hint, .note { color: #4b535d; font-size: .9rem; margin: .25rem 0 0; }
  .problem { color: #a40e26; font-weight: 600; }
  button { margin-top: 1.5rem; font: inherit; font-weight: 600; padding: .6rem 1.2rem; border: 0; border-radius: 4px; background: #0b5cad; color: #fff; cursor: pointer; }
  :focus-visible { outline: 3px solid #e36209; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>Sign in</h1>
  <p class="note">Local sign-in of the offline Functions host, standing in for App Service
  Authentication (provider <code>${escape(v.provider)}</code>). Anyone can be anyone here: for
  development only.</p>
  ${current}${problem}
  <form method="post" action="/.auth/login/${escape(v.provider)}">
    <input type="hidden" name="post_login_redirect_uri" value="${escape(v.redirect)}">
    <label for="name">User name</label>
    <input type="text" id="name" name="name" required maxlength="128" autocomplete="username" autofocus value="${escape(v.name ?? '')}"${describedBy}>
    <label for="userId">User id <span class="hint">(optional)</span></label>
    <input type="text" id="userId" name="userId" maxlength="128" aria-describedby="userId-hint" value="${escape(v.userId ?? '')}">
    <p id="userId-hint" class="hint">Left empty, the same name always gets the same id.</p>
    <fieldset>
      <legend>Roles</legend>
      <label class="check"><input type="checkbox" id="admin" name="roles" value="admin"${roles.includes('admin') ? ' checked' : ''}> admin</label>
      <label for="otherRoles">Other roles <span class="hint">(comma-separated)</span></label>
      <input type="text" id="otherRoles" name="otherRoles" maxlength="512" value="${escape(otherRoles)}">
    </fieldset>
    <button type="submit">Sign in</button>
  </form>
</main>
</body>
</html>
`;
}

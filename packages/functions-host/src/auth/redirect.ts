// Where to go after signing in or out: only a path on this host (`/...`), never another site, as
// App Service allows only its own URLs unless told otherwise. Anything else goes to `/`.
export function safeRedirect(target: string | null | undefined): string {
  if (!target) return '/';
  // `//evil.example` and `/\evil.example` are other hosts to a browser.
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  if (/\p{Cc}/u.test(target)) return '/';
  return target;
}

export function redirect(location: string): { status: number; headers: Record<string, string> } {
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

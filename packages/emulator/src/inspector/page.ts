// Serves the inspector page: plain HTML, CSS and JS from the package's `inspector/` folder (no
// build step, no dependency), read once.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/** dist/inspector/page.js → <package>/inspector/ */
const PAGE_DIR = path.join(__dirname, '..', '..', 'inspector');

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/inspector': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/inspector/inspector.css': { file: 'inspector.css', type: 'text/css; charset=utf-8' },
  '/inspector/inspector.js': { file: 'inspector.js', type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** True when `pathname` is one of the page's files (and it was written). */
export function servePage(pathname: string, res: ServerResponse): boolean {
  const entry = FILES[pathname];
  if (!entry) return false;
  if (pathname === '/') {
    res.writeHead(302, { location: '/inspector' });
    res.end();
    return true;
  }
  let bytes = cache.get(entry.file);
  if (!bytes) cache.set(entry.file, (bytes = readFileSync(path.join(PAGE_DIR, entry.file))));
  res.writeHead(200, {
    'content-type': entry.type,
    'content-length': bytes.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  });
  res.end(bytes);
  return true;
}

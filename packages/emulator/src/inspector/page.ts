// Serves the inspector page: plain HTML, CSS and ES modules (`inspector/js/*.js`) from the
// package's `inspector/` folder (no build step, no dependency), each read once. Only files that
// exist there are served: a module path is one lowercase name, never a path to walk.
import { readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/** dist/inspector/page.js → <package>/inspector/ */
const PAGE_DIR = path.join(__dirname, '..', '..', 'inspector');

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: HTML },
  '/inspector': { file: 'index.html', type: HTML },
  '/inspector/inspector.css': { file: 'inspector.css', type: 'text/css; charset=utf-8' },
};
const MODULE = /^\/inspector\/js\/([a-z][a-z-]*\.js)$/;

let modules: Set<string> | undefined;
const cache = new Map<string, Buffer>();

function fileFor(pathname: string): { file: string; type: string } | undefined {
  const fixed = FILES[pathname];
  if (fixed) return fixed;
  const name = MODULE.exec(pathname)?.[1];
  if (!name) return undefined;
  modules ??= new Set(readdirSync(path.join(PAGE_DIR, 'js')));
  return modules.has(name) ? { file: `js/${name}`, type: JS } : undefined;
}

/** True when `pathname` is one of the page's files (and it was written). */
export function servePage(pathname: string, res: ServerResponse): boolean {
  const entry = fileFor(pathname);
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

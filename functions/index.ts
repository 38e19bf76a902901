// `GET /` and `GET /<file>`: the web client, served by the app itself so one URL is the whole product.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { app } from '@azure/functions';

import { httpError } from '../bindings';

// dist/functions/index.js → <app root>/web
const WEB_ROOT = path.resolve(__dirname, '../../web');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

export async function index(request: HttpRequest): Promise<HttpResponseInit> {
  const file = request.params.file ?? 'index.html';
  // One path segment of safe characters: nothing outside web/ can be named.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file) || !(path.extname(file) in TYPES)) {
    return httpError(404, 'NotFound', 'No such file.');
  }
  try {
    const body = await readFile(path.join(WEB_ROOT, file));
    return {
      body,
      headers: {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': file === 'index.html' ? 'no-cache' : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      },
    };
  } catch {
    return httpError(404, 'NotFound', 'No such file.');
  }
}

app.http('index', { methods: ['GET'], authLevel: 'anonymous', route: '{file?}', handler: index });

// `GET /` and `GET /<file>`: the web client's build (web/dist, made by `npm run build`), served by the
// app itself so one URL is the whole product.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { app } from '@azure/functions';

import { httpError } from '../bindings';

// dist/functions/web-client.js → <app root>/web/dist
const WEB_ROOT = path.resolve(__dirname, '../../web/dist');
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
// The page loads only its own script and styles; its WebSocket goes to Web PubSub (another origin:
// the emulator locally, *.webpubsub.azure.com in Azure), and only its own forms post anywhere.
const PAGE_POLICY = [
  "default-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function webClient(request: HttpRequest): Promise<HttpResponseInit> {
  const file = request.params.file ?? 'index.html';
  // One path segment of safe characters: nothing outside web/dist can be named.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file) || !(path.extname(file) in TYPES)) {
    return httpError(404, 'NotFound', 'No such file.');
  }
  try {
    const body = await readFile(path.join(WEB_ROOT, file));
    const page = file === 'index.html';
    return {
      body,
      headers: {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': page ? 'no-cache' : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(page ? { 'content-security-policy': PAGE_POLICY } : {}),
      },
    };
  } catch {
    return httpError(404, 'NotFound', 'No such file.');
  }
}

app.http('webClient', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: '{file?}',
  handler: webClient,
});

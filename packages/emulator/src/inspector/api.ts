// The inspector's HTTP API: state, the live log (JSON and server-sent events), actions and
// faults, plus the page itself. Only loopback Host headers are served (no DNS rebinding) and
// writes must be JSON from the page's own origin (a cross-site form cannot post them).
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { z } from 'zod';

import type { EmulatorContext } from '../context';
import { badRequest, EmulatorError, notFound, writeRestError } from '../errors';
import { applyConnectionFault } from '../faults/connection-faults';
import { faultView } from '../faults/registry';
import { connectionFaultSchema, describeFault, lastingFaultSchema } from '../faults/spec';
import { readLimited } from '../read-limited';
import {
  changeGroup,
  clientUrl,
  clientUrlSchema,
  close,
  closeSchema,
  groupSchema,
  send,
  sendSchema,
} from './actions';
import { toSse } from './live-log';
import { servePage } from './page';
import { snapshot } from './snapshot';
import type { InspectorTap } from './tap';

const MAX_BODY = 1024 * 1024;
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
const HEARTBEAT_MS = 15_000;

export async function handleInspector(
  ctx: EmulatorContext,
  tap: InspectorTap,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const host = req.headers.host ?? '';
    if (!LOOPBACK_HOST.test(host)) {
      throw new EmulatorError('EMU_ERR_FORBIDDEN', 403, 'The inspector answers loopback only.');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (
      method === 'GET' &&
      (path === '/' || path === '/inspector' || path.startsWith('/inspector/'))
    ) {
      if (servePage(path, res)) return;
    }
    if (method !== 'GET') checkWrite(req, host);
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /inspector/api/state':
        return json(res, 200, snapshot(ctx.hubs, tap));
      case 'GET /inspector/api/log':
        return json(res, 200, {
          entries: tap.log.since(Number(url.searchParams.get('since') ?? 0)),
        });
      case 'GET /inspector/api/events':
        return stream(tap, req, res, Number(url.searchParams.get('since') ?? -1));
      case 'POST /inspector/api/send':
        send(ctx, tap, await body(req, sendSchema));
        return json(res, 202, {});
      case 'POST /inspector/api/group':
        changeGroup(ctx, tap, await body(req, groupSchema));
        return json(res, 200, {});
      case 'POST /inspector/api/close':
        close(ctx, tap, await body(req, closeSchema));
        return json(res, 200, {});
      case 'POST /inspector/api/client-url':
        return json(res, 200, { url: clientUrl(ctx, await body(req, clientUrlSchema)) });
      case 'GET /inspector/api/faults':
        return json(res, 200, { faults: tap.faults.list().map(faultView) });
      case 'POST /inspector/api/faults':
        return await addFault(ctx, tap, req, res);
      case 'DELETE /inspector/api/faults':
        tap.faults.clear();
        return json(res, 200, {});
    }
    const faultId = /^DELETE \/inspector\/api\/faults\/([^/]+)$/.exec(route)?.[1];
    if (faultId !== undefined) {
      if (!tap.faults.clear(decodeURIComponent(faultId))) throw notFound(`No fault '${faultId}'.`);
      return json(res, 200, {});
    }
    throw notFound(`No inspector resource at ${method} ${path}.`);
  } catch (err) {
    writeRestError(res, err);
  }
}

async function addFault(
  ctx: EmulatorContext,
  tap: InspectorTap,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const raw = await readJson(req);
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === 'drop' || type === 'close') {
    const spec = parse(connectionFaultSchema, raw);
    const hit = applyConnectionFault(ctx.hubs, ctx.lifecycle, spec);
    tap.note({
      kind: 'fault',
      outcome: 'fault',
      ...(spec.target.hub ? { hub: spec.target.hub } : {}),
      ...(spec.target.connectionId ? { connectionId: spec.target.connectionId } : {}),
      ...(spec.target.userId !== undefined ? { userId: spec.target.userId } : {}),
      summary: `fault applied: ${describeFault(spec)} → ${hit.length} connection(s)`,
      detail: { connections: hit },
    });
    return json(res, 200, { connections: hit });
  }
  const fault = tap.faults.add(parse(lastingFaultSchema, raw));
  return json(res, 201, { fault: faultView(fault) });
}

function stream(tap: InspectorTap, req: IncomingMessage, res: ServerResponse, since: number): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  if (since >= 0) res.write(tap.log.since(since).map(toSse).join(''));
  // One write per flush, its text built once for every watcher.
  const stop = tap.log.watch((batch) => res.write(batch.sse));
  // The comment tells the reader the stream is open (watchers are now counted).
  res.write(': watching\n\n');
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.once('close', () => {
    clearInterval(heartbeat);
    stop();
  });
}

function checkWrite(req: IncomingMessage, host: string): void {
  const type = req.headers['content-type'] ?? '';
  if (req.method !== 'DELETE' && !/^application\/json\b/i.test(type)) {
    throw new EmulatorError('EMU_ERR_UNSUPPORTED_MEDIA_TYPE', 415, 'Send application/json.');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new EmulatorError('EMU_ERR_FORBIDDEN', 403, 'Cross-origin writes are refused.');
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const bytes = await readLimited(req, MAX_BODY);
  if (!bytes) throw badRequest('The body is too large.');
  try {
    return JSON.parse(bytes.toString('utf8') || 'null');
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
}

async function body<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  return parse(schema, await readJson(req));
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw badRequest(problems.join('; '));
  }
  return result.data;
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

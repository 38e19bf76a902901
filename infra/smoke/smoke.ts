// The post-deploy smoke test (PROTOCOL.md): first a negotiate with forged principal headers that
// must be refused, then negotiate, connect with the official Web PubSub client, join a room, send a
// message, and see it come back (ack + room message) — each step timed, with a clear error naming
// the step that failed.
import { randomUUID } from 'node:crypto';

import type { WebPubSubClient } from '@azure/web-pubsub-client';

type Payload = { type?: string; [key: string]: unknown };

/** The part of WebPubSubClient the smoke test uses. */
export type SmokeClient = Pick<WebPubSubClient, 'start' | 'stop' | 'sendEvent' | 'on'>;

export interface SmokeOptions {
  /** The app's URL (`https://<app>.azurewebsites.net`). */
  baseUrl: string;
  /** Extra negotiate headers: an Easy Auth session cookie, a bearer token, ... */
  headers?: Record<string, string>;
  /** Use `/api/negotiate/guest` (only where the app allows guests). */
  guest?: boolean;
  room?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Send the forged-principal request first (default true; off only where no Easy Auth runs). */
  checkForged?: boolean;
  createClient: (getClientAccessUrl: () => Promise<string>) => SmokeClient;
  log?: (line: string) => void;
}

export interface SmokeResult {
  userId: string;
  room: string;
  steps: { step: string; ms: number }[];
}

export async function negotiate(o: SmokeOptions): Promise<{ url: string; userId: string }> {
  const url = new URL(
    o.guest ? 'api/negotiate/guest' : 'api/negotiate',
    o.baseUrl.replace(/\/?$/, '/'),
  );
  const res = await (o.fetch ?? fetch)(url, {
    headers: o.headers ?? {},
    signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  if (!res.ok) {
    // Without a principal the app answers 401 (or fails resolving the principal's user id).
    const unsigned = !o.guest && Object.keys(o.headers ?? {}).length === 0;
    const hint =
      res.status === 401 || unsigned
        ? " — sign in: pass --cookie 'AppServiceAuthSession=...', --bearer <token> or --header, or --guest where guests are allowed"
        : '';
    throw new Error(`negotiate: ${res.status} ${text.trim()}${hint}`);
  }
  const body = JSON.parse(text) as { url?: unknown; userId?: unknown };
  if (typeof body.url !== 'string') throw new Error(`negotiate: no "url" in ${text}`);
  return { url: body.url, userId: typeof body.userId === 'string' ? body.userId : '' };
}

/** The headers App Service Authentication adds for a signed-in admin, forged by the caller. */
export function forgedPrincipalHeaders(userId: string): Record<string, string> {
  const principal = {
    auth_typ: 'aad',
    name_typ: 'name',
    role_typ: 'roles',
    claims: [
      { typ: 'name', val: 'Forged Admin' },
      { typ: 'roles', val: 'admin' },
    ],
  };
  return {
    'x-ms-client-principal-id': userId,
    'x-ms-client-principal-name': 'Forged Admin',
    'x-ms-client-principal-idp': 'aad',
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'),
  };
}

/**
 * negotiate with forged `x-ms-client-principal*` headers and no session or token: App Service
 * Authentication must answer 401 (or strip them, and the app answers 401 or 403). Any success
 * means anyone can be anyone.
 */
export async function checkForgedPrincipal(o: SmokeOptions): Promise<number> {
  const forgedId = `smoke-forged-${randomUUID().slice(0, 8)}`;
  const url = new URL('api/negotiate', o.baseUrl.replace(/\/?$/, '/'));
  const res = await (o.fetch ?? fetch)(url, {
    headers: forgedPrincipalHeaders(forgedId),
    signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  if (res.status === 401 || res.status === 403) return res.status;
  if (res.ok) {
    const trusted = text.includes(forgedId) ? ` as the forged user ${forgedId}` : '';
    throw new Error(
      `negotiate answered ${res.status}${trusted} to a request with forged x-ms-client-principal headers and no sign-in: App Service Authentication did not stop it, so anyone can be anyone. Do not use this deployment; see "Sign-in" in infra/README.md`,
    );
  }
  throw new Error(
    `negotiate answered ${res.status} to forged principal headers; expected 401 (App Service Authentication) or 403: ${text.trim().slice(0, 200)}`,
  );
}

export async function runSmoke(o: SmokeOptions): Promise<SmokeResult> {
  const log = o.log ?? (() => undefined);
  const timeoutMs = o.timeoutMs ?? 30_000;
  const room = o.room ?? `smoke-${randomUUID().slice(0, 8)}`;
  const steps: SmokeResult['steps'] = [];
  const received: Payload[] = [];
  const waiters = new Set<() => void>();
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await withTimeout(run(), timeoutMs, name);
    steps.push({ step: name, ms: Date.now() - started });
    log(`ok  ${name} (${Date.now() - started} ms)`);
    return value;
  };
  const waitFor = (match: (p: Payload) => boolean) =>
    new Promise<Payload>((resolve) => {
      const check = () => {
        const hit = received.find(match);
        if (!hit) return;
        waiters.delete(check);
        resolve(hit);
      };
      waiters.add(check);
      check();
    });

  let userId = '';
  if (o.checkForged ?? true) await step('forged-principal', () => checkForgedPrincipal(o));
  const first = await step('negotiate', () => negotiate(o));
  userId = first.userId;
  let fresh: string | undefined = first.url;
  const client = o.createClient(async () => {
    const url = fresh ?? (await negotiate(o)).url; // reconnects negotiate again
    fresh = undefined;
    return url;
  });
  const onData = (data: unknown) => {
    if (data && typeof data === 'object') received.push(data as Payload);
    for (const w of [...waiters]) w();
  };
  client.on('server-message', (e) => onData(e.message.data));
  client.on('group-message', (e) => onData(e.message.data));
  try {
    await step('connect', () => client.start());
    await step('join', async () => {
      await client.sendEvent('join', { room }, 'json');
      return waitFor((p) => p.type === 'joined' && p.room === room);
    });
    const id = `smoke-${randomUUID()}`;
    const text = `smoke test ${new Date().toISOString()}`;
    await step('message', async () => {
      await client.sendEvent('message', { id, to: { room }, text }, 'json');
      return Promise.all([
        waitFor((p) => p.type === 'ack' && p.id === id),
        waitFor((p) => p.type === 'message' && p.id === id && p.room === room && p.body === text),
      ]);
    });
    const error = received.find((p) => p.type === 'error');
    if (error) throw new Error(`the app answered an error: ${JSON.stringify(error)}`);
  } finally {
    // Wait for the SDK to report it stopped, so that no socket or timer outlives the test.
    const stopped = new Promise<void>((resolve) => client.on('stopped', () => resolve()));
    client.stop();
    await withTimeout(stopped, 5_000, 'stop').catch(() => undefined);
  }
  return { userId, room, steps };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.startsWith(step) ? message : `${step}: ${message}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

// The output binding's calls to the service's REST API: keep-alive HTTP (undici), an HS256 token
// per request URL as the extension's .NET SDK signs it (aud = the full URL, 5 minutes), reused
// while it has a minute left, and the SDK's retries of 408, 429, 5xx and dropped connections
// (after the service's Retry-After when it sends one).
// Hand-made rather than through @azure/web-pubsub: the SDK costs ~300 µs of CPU per call against
// ~65 µs here, and the host makes one call per action of every invocation.
import { setTimeout as delay } from 'node:timers/promises';

import { Agent } from 'undici';

import { signHs256 } from './hs256';
import type { ServiceRequest } from './service-requests';

const TOKEN_LIFETIME_S = 5 * 60;
const TOKEN_REUSE_MARGIN_S = 60;
/** Request URLs whose tokens are kept (they vary with groups, users and `excluded`). */
const MAX_CACHED_TOKENS = 1024;
/** An error body longer than this is cut: only its message is reported. */
const MAX_ERROR_BODY = 4096;
/** The .NET SDK's defaults: 3 retries, exponential from 0.8 s. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [800, 1600, 3200];
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_CODES = /ECONNREFUSED|ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED/;

export interface ServiceClientOptions {
  retryDelaysMs?: readonly number[];
  /** Seconds since the epoch (tests move it). */
  now?: () => number;
}

/** Longest Retry-After honoured; a longer one is cut to this. */
const MAX_RETRY_AFTER_MS = 60_000;

/** A call the service answered with an error status, or that never got an answer. */
export class ServiceCallError extends Error {
  override readonly name = 'ServiceCallError';
  constructor(
    message: string,
    readonly status?: number,
    /** From the answer's Retry-After header, when it had one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class ServiceClient {
  readonly #agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  readonly #tokens = new Map<string, { token: string; expires: number }>();
  readonly #retryDelaysMs: readonly number[];
  readonly #now: () => number;

  constructor(
    /** `http(s)://host[:port]`, no trailing slash. */
    private readonly endpoint: string,
    private readonly accessKey: string,
    options: ServiceClientOptions = {},
  ) {
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** Resolves on a 2xx answer; otherwise rejects with the service's own message. */
  async call(req: ServiceRequest): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let error: ServiceCallError;
      let retry: boolean;
      try {
        const refused = await this.#once(req);
        if (!refused) return;
        error = refused;
        retry = RETRY_STATUSES.has(refused.status ?? 0);
      } catch (err) {
        error = new ServiceCallError(`${req.method} ${pathOnly(req)}: ${describe(err)}`);
        retry = isDroppedConnection(err);
      }
      if (!retry || attempt >= this.#retryDelaysMs.length) throw error;
      const wait = error.retryAfterMs ?? this.#retryDelaysMs[attempt];
      await delay(wait, undefined, { ref: false });
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  /** Undefined on a 2xx answer, else the error the answer makes. */
  async #once(req: ServiceRequest): Promise<ServiceCallError | undefined> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#token(this.endpoint + req.path)}`,
    };
    if (req.contentType) headers['content-type'] = req.contentType;
    const res = await this.#agent.request({
      origin: this.endpoint,
      path: req.path,
      method: req.method,
      headers,
      body: req.body ?? null,
    });
    if (res.statusCode < 300) {
      await res.body.dump();
      return undefined;
    }
    const text = (await res.body.text()).slice(0, MAX_ERROR_BODY);
    const code = res.headers['x-ms-error-code'];
    const named = typeof code === 'string' ? ` ${code}` : '';
    return new ServiceCallError(
      `${req.method} ${pathOnly(req)}: ${res.statusCode}${named}: ${serviceMessage(text)}`,
      res.statusCode,
      retryAfterMs(res.headers['retry-after']),
    );
  }

  #token(url: string): string {
    const now = this.#now();
    const cached = this.#tokens.get(url);
    if (cached && cached.expires - now > TOKEN_REUSE_MARGIN_S) return cached.token;
    const expires = now + TOKEN_LIFETIME_S;
    const token = signHs256({ nbf: now, exp: expires, iat: now, aud: url }, this.accessKey);
    if (this.#tokens.size >= MAX_CACHED_TOKENS) this.#tokens.clear();
    this.#tokens.set(url, { token, expires });
    return token;
  }
}

/** The service's error JSON `{code, message}`, or the text as it came. */
function serviceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the text itself.
  }
  return text || '(no body)';
}

/** Retry-After as seconds or an HTTP date, in ms (at most MAX_RETRY_AFTER_MS). */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const ms = /^\d+$/.test(header.trim())
    ? Number(header.trim()) * 1000
    : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

function isDroppedConnection(err: unknown): boolean {
  return RETRY_CODES.test((err as { code?: string } | undefined)?.code ?? '');
}

/** Paths carry no secrets, but a query may hold connection ids: report the path only. */
function pathOnly(req: ServiceRequest): string {
  return req.path.split('?', 1)[0]!;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: string }).code;
  return code ? `${code} ${err.message}` : err.message;
}

// Calls event handlers over keep-alive HTTP (undici: global fetch is several times slower here),
// retrying 408, 5xx and network failures after the service's delays. Never throws past its caller
// without a clear message.
import { Agent } from 'undici';

import { readLimited } from '../read-limited';

/** Upstream responses larger than this fail the event (the official emulator uses the same bound). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface UpstreamRequest {
  method: 'POST' | 'OPTIONS' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export interface HttpClientOptions {
  /** Delays before retries 1, 2, 3 (the service: 1 s, 3 s, 5 s). */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
}

/** Parsed handler URLs kept at most (they come from a few templates; `{event}` may vary them). */
const MAX_CACHED_URLS = 512;

export class UpstreamHttpClient {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
  /** URL → origin and path: undici's `request(url)` would parse the same URL on every event. */
  private readonly targets = new Map<string, { origin: string; path: string }>();

  constructor(private readonly options: HttpClientOptions) {}

  async send(req: UpstreamRequest): Promise<UpstreamResponse> {
    const delays = this.options.retryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      let res: UpstreamResponse | undefined;
      let failure: unknown;
      try {
        res = await this.once(req);
      } catch (err) {
        failure = err;
      }
      const retryable = res
        ? res.status === 408 || res.status >= 500
        : isRetryableNetworkError(failure);
      if (!retryable || attempt >= delays.length) {
        if (res) return res;
        throw new UpstreamError(`${req.method} ${redact(req.url)} failed: ${describe(failure)}`);
      }
      await sleep(delays[attempt]!);
    }
  }

  private async once(req: UpstreamRequest): Promise<UpstreamResponse> {
    const res = await this.agent.request({
      ...this.target(req.url),
      method: req.method,
      headers: req.headers,
      body: req.body,
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
    });
    const body = await readLimited(res.body, MAX_RESPONSE_BYTES);
    if (!body) {
      res.body.destroy();
      throw new UpstreamError(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    return { status: res.statusCode, headers: res.headers, body };
  }

  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
      if (this.targets.size >= MAX_CACHED_URLS) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function isRetryableNetworkError(err: unknown): boolean {
  if (err instanceof UpstreamError) return false;
  const code = (err as { code?: string } | undefined)?.code ?? '';
  // Timeouts are not retried (the service does not), connection failures are.
  return /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|ECONNABORTED/.test(code);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return code ? `${code} ${err.message}` : err.message;
  }
  return String(err);
}

/** Handler URLs may carry a function key (`?code=`): never log it. */
export function redact(url: string): string {
  return url.replace(/([?&](code|sig|key)=)[^&]*/gi, '$1***');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

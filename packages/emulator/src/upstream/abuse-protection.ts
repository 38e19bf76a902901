// Abuse protection (CloudEvents webhook validation): before the first event reaches a handler URL,
// ask it with OPTIONS (GET when OPTIONS is 404) whether it accepts events from our origin.
import { WEBHOOK_ALLOWED_ORIGIN, WEBHOOK_REQUEST_ORIGIN } from '@wps-local/wire';

import type { UpstreamHttpClient } from './http-client';
import { redact, UpstreamError } from './http-client';

export class AbuseProtection {
  private readonly validated = new Map<string, Promise<void>>();

  /**
   * @param origin `WebHook-Request-Origin`: the host without port, as the service and the
   *   Functions extension expect.
   * @param acceptedOrigins what an `allowed origin` answer may also name: handlers configured with
   *   the emulator's URL (web-pubsub-express `allowedEndpoints`) answer `host:port`.
   */
  constructor(
    private readonly http: UpstreamHttpClient,
    private readonly origin: string,
    private readonly acceptedOrigins: () => readonly string[] = () => [],
  ) {}

  /** Resolves once `url` has accepted our origin; a failure is not remembered, so it is retried. */
  ensureValidated(url: string): Promise<void> {
    let pending = this.validated.get(url);
    if (!pending) {
      pending = this.validate(url);
      this.validated.set(url, pending);
      pending.catch(() => this.validated.delete(url));
    }
    return pending;
  }

  private async validate(url: string): Promise<void> {
    const headers = { [WEBHOOK_REQUEST_ORIGIN]: this.origin, 'ce-awpsversion': '1.0' };
    let res = await this.http.send({ method: 'OPTIONS', url, headers });
    if (res.status === 404) res = await this.http.send({ method: 'GET', url, headers });
    const raw = res.headers[WEBHOOK_ALLOWED_ORIGIN];
    const allowed = (Array.isArray(raw) ? raw : raw ? [raw] : [])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim().toLowerCase());
    const accepted = new Set([
      '*',
      this.origin.toLowerCase(),
      ...this.acceptedOrigins().map((o) => o.toLowerCase()),
    ]);
    const ok = res.status >= 200 && res.status < 300 && allowed.some((a) => accepted.has(a));
    if (!ok) {
      throw new UpstreamError(
        `abuse protection failed for ${redact(url)}: status ${res.status}, ${WEBHOOK_ALLOWED_ORIGIN}: ${allowed.join(', ') || '(none)'}`,
      );
    }
  }
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[v.length - 1] : v;
}

// Abuse protection (CloudEvents webhook validation): before the first event reaches a handler URL,
// ask it with OPTIONS (GET when OPTIONS is 404) whether it accepts events from our origin.
import { WEBHOOK_ALLOWED_ORIGIN, WEBHOOK_REQUEST_ORIGIN } from '../../../protocol';
import type { UpstreamHttpClient } from './http-client';
import { redact, UpstreamError } from './http-client';

export class AbuseProtection {
  private readonly validated = new Map<string, Promise<void>>();

  constructor(
    private readonly http: UpstreamHttpClient,
    private readonly origin: string,
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
    const allowed = headerValue(res.headers[WEBHOOK_ALLOWED_ORIGIN]);
    const ok =
      res.status >= 200 &&
      res.status < 300 &&
      allowed !== undefined &&
      (allowed === '*' || allowed.toLowerCase() === this.origin.toLowerCase());
    if (!ok) {
      throw new UpstreamError(
        `abuse protection failed for ${redact(url)}: status ${res.status}, ${WEBHOOK_ALLOWED_ORIGIN}: ${allowed ?? '(none)'}`,
      );
    }
  }
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[v.length - 1] : v;
}

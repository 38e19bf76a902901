// A token bucket per connection: bounds how fast one client can make the server work and send.
// Per app instance (in memory): the service spreads a connection's events over instances only
// when it scales out, so the bound is per instance, not global.

export interface RateLimitOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the burst a quiet connection may send at once. */
  burst: number;
  /** Buckets kept at most (least recently used dropped first). */
  maxKeys?: number;
}

export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly o: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; false when the key is over its rate. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.o.burst, at: now };
    this.#buckets.delete(key);
    bucket.tokens = Math.min(
      this.o.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.o.ratePerSecond,
    );
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > (this.o.maxKeys ?? 100_000)) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    return allowed;
  }

  forget(key: string): void {
    this.#buckets.delete(key);
  }
}

// The queue listener's randomized exponential backoff while a queue stays empty: back to the minimum
// as soon as a poll finds messages, otherwise min + (2^(n-1) * min, ±20%) until it reaches the max.
export class Backoff {
  #current = 0;
  #exponent = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next poll; `foundMessages` says whether the polls since the last delay found any. */
  next(foundMessages: boolean): number {
    if (foundMessages) {
      this.#current = this.minMs;
      this.#exponent = 1;
    } else if (this.#current !== this.maxMs) {
      let interval = this.minMs;
      if (this.#exponent > 0) {
        const jitter = 0.8 + this.random() * 0.4;
        interval += jitter * 2 ** (this.#exponent - 1) * this.minMs;
      }
      if (interval < this.maxMs) {
        this.#current = interval;
        this.#exponent++;
      } else {
        this.#current = this.maxMs;
      }
    }
    return this.#current;
  }
}

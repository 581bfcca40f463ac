/**
 * A token bucket: `ratePerSecond` tokens a second, at most `burst` saved up. Refilled lazily from
 * the caller's clock, so it needs no timer.
 *
 * @example
 * const bucket = new TokenBucket(200, 20, performance.now());
 * if (!bucket.take(performance.now())) reject();
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  /**
   * @param ratePerSecond tokens added per second
   * @param burst the most tokens held; the bucket starts full
   * @param now the current time in milliseconds
   */
  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  /**
   * Takes one token if there is one.
   *
   * @param now the current time in milliseconds, never earlier than the last call's
   * @returns true when a token was taken
   */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.ratePerSecond) / 1_000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

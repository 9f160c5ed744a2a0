/**
 * A token bucket per API key, in memory (per instance): `ratePerSecond` sustained with bursts
 * up to `burst`. Cheap enough for the hot path: two numbers per key.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst = ratePerSecond,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when allowed, otherwise the seconds to wait before the next request would be. */
  take(key: string): number {
    if (this.ratePerSecond <= 0) return 0;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerSecond));
  }
}

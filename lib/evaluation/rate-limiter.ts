/**
 * A token bucket per API key, in memory (per instance): `ratePerSecond` sustained with bursts
 * up to `burst`. Cheap enough for the hot path: two numbers per key. Callers take tokens only
 * for keys that authenticated, so junk keys can't grow the map.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst = ratePerSecond,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Takes `cost` tokens (one request, or the items of a batch): 0 when allowed, otherwise the
   * seconds to wait before it would be. A cost above the burst costs the whole burst, so a
   * batch bigger than the bucket can still pass once the bucket is full.
   */
  take(key: string, cost = 1): number {
    if (this.ratePerSecond <= 0) return 0;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.ratePerSecond);
    bucket.updatedAt = now;
    const needed = Math.min(cost, this.burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= needed;
      return 0;
    }
    return Math.max(1, Math.ceil((needed - bucket.tokens) / this.ratePerSecond));
  }
}

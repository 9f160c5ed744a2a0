import { rateSetting } from "./rate-limit-settings";
import { RateLimiter } from "./rate-limiter";

/** The refusal an ingest route sends as it is. */
export type RateLimitedResponse = { status: 429; body: { error: string }; headers: { "retry-after": string } };

/**
 * Defaults per SDK key and instance. SDKs send batches (up to 5,000 items, usually counters
 * aggregated per interval), so a healthy fleet sends few requests carrying many items: 500
 * requests/s covers hundreds of application instances flushing every second, and 50,000
 * observations/s is a fifth of what one instance ingests (docs/metrics.md), leaving the rest
 * for other keys and for evaluation. Bursts are twice the rate.
 */
export const DEFAULT_INGEST_REQUEST_RATE = 500;
export const DEFAULT_INGEST_OBSERVATION_RATE = 50_000;

const limited = (what: string, retryAfter: number): RateLimitedResponse => ({
  status: 429,
  body: { error: `Rate limit exceeded for this SDK key (${what}); retry after ${retryAfter} s` },
  headers: { "retry-after": String(retryAfter) },
});

/** Requests per second (checked from the headers) and observations per second (once the batch is parsed). */
export class IngestRateLimits {
  constructor(
    readonly requests: RateLimiter,
    readonly observations: RateLimiter,
  ) {}

  admitRequest(keyHash: string): RateLimitedResponse | null {
    const retryAfter = this.requests.take(keyHash);
    return retryAfter > 0 ? limited(`at most ${this.requests.ratePerSecond} requests per second`, retryAfter) : null;
  }

  admitObservations(keyHash: string, count: number): RateLimitedResponse | null {
    const retryAfter = this.observations.take(keyHash, count);
    return retryAfter > 0
      ? limited(`at most ${this.observations.ratePerSecond} observations per second`, retryAfter)
      : null;
  }
}

type Env = Record<string, string | undefined>;

/** GLIDEPATH_INGEST_RATE_LIMIT (requests/s) and GLIDEPATH_INGEST_OBSERVATION_RATE_LIMIT (observations/s); 0 turns one off. */
export function ingestRateLimitsFromEnv(env: Env = process.env): IngestRateLimits {
  const requests = rateSetting(env, "GLIDEPATH_INGEST_RATE_LIMIT", DEFAULT_INGEST_REQUEST_RATE);
  const observations = rateSetting(env, "GLIDEPATH_INGEST_OBSERVATION_RATE_LIMIT", DEFAULT_INGEST_OBSERVATION_RATE);
  return new IngestRateLimits(new RateLimiter(requests, requests * 2), new RateLimiter(observations, observations * 2));
}

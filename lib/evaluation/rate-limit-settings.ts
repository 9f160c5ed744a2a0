import { RateLimiter } from "./rate-limiter";

/**
 * Default OFREP evaluations per second per SDK key and instance. Node evaluates on one thread;
 * the fastest single instance measured here serves ~13–22k evaluations/s (docs/evaluation-api.md),
 * so 100,000/s never throttles a healthy key on one instance, while a runaway client on a big
 * host still meets a ceiling. Installs that share instances between teams set a real share.
 */
export const DEFAULT_SDK_RATE_LIMIT = 100_000;

type Env = Record<string, string | undefined>;

/**
 * A rate from the environment: a number ≥ 0 (0 turns that limit off). A typo must not leave
 * the limit silently off or refuse every request, so anything else stops the start-up.
 */
export function rateSetting(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number ≥ 0 (0 turns the limit off), got "${raw}"`);
  return value;
}

/** GLIDEPATH_SDK_RATE_LIMIT per second with bursts of GLIDEPATH_SDK_RATE_BURST (default 2×). */
export function sdkRateLimiterFromEnv(env: Env = process.env, now?: () => number): RateLimiter {
  const rate = rateSetting(env, "GLIDEPATH_SDK_RATE_LIMIT", DEFAULT_SDK_RATE_LIMIT);
  return new RateLimiter(rate, rateSetting(env, "GLIDEPATH_SDK_RATE_BURST", rate * 2), now);
}

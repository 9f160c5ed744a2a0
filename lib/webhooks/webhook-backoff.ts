/** Waits after the 1st, 2nd, … failed attempt; one more attempt after the last, then give up. */
export const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000] as const;

/** 6: the first try and five retries, spread over about 1 h 13 min. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Up to this share is added to each wait, so receivers coming back aren't hit in lockstep. */
export const RETRY_JITTER = 0.2;

/**
 * How long to wait after `attempts` failed attempts, or null to give up. Jitter only adds, so a
 * retry never comes earlier than the schedule says.
 */
export function nextRetryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[Math.max(0, Math.min(attempts - 1, RETRY_DELAYS_MS.length - 1))] ?? RETRY_DELAYS_MS[0];
  return Math.round(base * (1 + RETRY_JITTER * Math.min(1, Math.max(0, random()))));
}

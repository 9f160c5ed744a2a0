import { RetryableError } from "./glidepath-client";
import { log, warn } from "./log";

/** Resolves after `ms`, or early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** 0.5 s, 1 s, 2 s … capped at 30 s, with jitter so restarted clients don't line up. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Runs `action` until it succeeds, waiting longer after each retryable failure; fatal errors
 * and an abort end it. `onRetry` hears about each failure (callers log sparingly).
 */
export async function withRetry<T>(
  action: () => Promise<T>,
  options: { signal: AbortSignal; onRetry: (error: RetryableError, waitMs: number, attempt: number) => void },
): Promise<T | null> {
  for (let attempt = 0; ; attempt++) {
    if (options.signal.aborted) return null;
    try {
      return await action();
    } catch (error) {
      if (options.signal.aborted) return null;
      if (!(error instanceof RetryableError)) throw error;
      const waitMs = error.retryAfterMs ?? backoffMs(attempt);
      options.onRetry(error, waitMs, attempt);
      await sleep(waitMs, options.signal);
    }
  }
}

/**
 * Backoff for one kind of call in a loop that must not block: after a failure the call waits
 * (0.5 s, 1 s, 2 s … 30 s); the first failure and the recovery are logged, the rest is quiet.
 */
export class RetryGate {
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly what: string,
    private readonly random: () => number,
  ) {}

  get ready(): boolean {
    return Date.now() >= this.retryAt;
  }

  get failing(): boolean {
    return this.failures > 0;
  }

  failed(error: RetryableError): void {
    const waitMs = error.retryAfterMs ?? backoffMs(this.failures, this.random);
    if (this.failures === 0)
      warn(`${this.what} failed: ${error.message}; retrying in ${Math.ceil(waitMs / 1000)} s, then less often`);
    this.failures++;
    this.retryAt = Date.now() + waitMs;
  }

  succeeded(): void {
    if (this.failures > 0) log(`${this.what} works again`);
    this.failures = 0;
    this.retryAt = 0;
  }
}

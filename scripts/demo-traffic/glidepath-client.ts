import type { Variant } from "../../lib/metrics/metric-types";
import type { Observation } from "./observations";

/** One flag of an OFREP bulk answer, as far as the simulation reads it. */
export type EvaluatedFlag = { key: string; variant?: Variant; metadata?: { cohort?: string; status?: string } };

export type IngestResult = { accepted: number; rejected: number; errors: { index: number; field: string; message: string }[] };

/** The server is down, starting, overloaded or briefly failing: try again later. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Retrying won't help (wrong key, refused request): stop and say why. */
export class FatalError extends Error {}

const REQUEST_TIMEOUT_MS = 15_000;

/** The two endpoints a real application would call: OFREP bulk evaluation and metrics ingest. */
export class GlidepathClient {
  private readonly headers: Record<string, string>;

  constructor(
    readonly baseUrl: string,
    sdkKey: string,
  ) {
    this.headers = { authorization: `Bearer ${sdkKey}`, "content-type": "application/json" };
  }

  async evaluateAll(context: Record<string, string>, signal?: AbortSignal): Promise<EvaluatedFlag[]> {
    const body = (await this.post("/ofrep/v1/evaluate/flags", { context }, signal)) as { flags?: EvaluatedFlag[] };
    return body.flags ?? [];
  }

  async sendObservations(observations: Observation[], signal?: AbortSignal): Promise<IngestResult> {
    return (await this.post("/api/v1/metrics", { observations }, signal)) as IngestResult;
  }

  private async post(path: string, payload: unknown, signal?: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method: "POST",
        headers: this.headers,
        body: JSON.stringify(payload),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new RetryableError(`${this.baseUrl} is not reachable (${cause ?? (error as Error).message})`);
    }
    const text = await response.text().catch(() => "");
    const body = parseJson(text);
    if (response.ok) return body ?? {};
    if (response.status === 401 || response.status === 403) {
      throw new FatalError(`${path} answered ${response.status}: the SDK key was refused (use an SDK key of the demo team's environment)`);
    }
    // Ingest answers 400 with per-item errors when no item was usable: the caller reads them.
    if (response.status === 400 && Array.isArray((body as Partial<IngestResult> | null)?.errors)) return body;
    const message = (body as { error?: string; errorDetails?: string } | null)?.error ?? (body as { errorDetails?: string } | null)?.errorDetails;
    const detail = message ? `: ${message}` : "";
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get("retry-after"));
      throw new RetryableError(`${path} answered ${response.status}${detail}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
    }
    throw new FatalError(`${path} answered ${response.status}${detail}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

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
export async function withRetry<T>(action: () => Promise<T>, options: { signal: AbortSignal; onRetry: (error: RetryableError, waitMs: number, attempt: number) => void }): Promise<T | null> {
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

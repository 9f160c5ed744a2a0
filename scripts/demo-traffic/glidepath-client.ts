import type { Variant } from "../../lib/metrics/metric-types";
import type { Observation } from "./observations";

/** One flag of an OFREP bulk answer, as far as the simulation reads it. */
export type EvaluatedFlag = { key: string; variant?: Variant; metadata?: { cohort?: string; status?: string } };

export type IngestResult = {
  accepted: number;
  rejected: number;
  errors: { index: number; field: string; message: string }[];
};

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
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)])
          : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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
      throw new FatalError(
        `${path} answered ${response.status}: the SDK key was refused (use an SDK key of the demo team's environment)`,
      );
    }
    // Ingest answers 400 with per-item errors when no item was usable: the caller reads them.
    if (response.status === 400 && Array.isArray((body as Partial<IngestResult> | null)?.errors)) return body;
    const message =
      (body as { error?: string; errorDetails?: string } | null)?.error ??
      (body as { errorDetails?: string } | null)?.errorDetails;
    const detail = message ? `: ${message}` : "";
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get("retry-after"));
      throw new RetryableError(
        `${path} answered ${response.status}${detail}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
      );
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

import { getDb } from "@/lib/db/client";
import { EvaluationStore } from "./evaluation-store";
import { RateLimiter } from "./rate-limiter";

const globalForEvaluation = globalThis as unknown as { glidepathEvaluation?: { store: EvaluationStore; limiter: RateLimiter } };

/** One store and one rate limiter per process, shared by every OFREP request. */
export function evaluationRuntime() {
  if (!globalForEvaluation.glidepathEvaluation) {
    const rate = Number(process.env.GLIDEPATH_SDK_RATE_LIMIT ?? 10000);
    globalForEvaluation.glidepathEvaluation = {
      store: new EvaluationStore(getDb(), {
        pollIntervalMs: Number(process.env.GLIDEPATH_CONFIG_POLL_MS ?? 500),
        log: (m) => console.warn(m),
      }),
      limiter: new RateLimiter(rate, Number(process.env.GLIDEPATH_SDK_RATE_BURST ?? rate * 2)),
    };
  }
  return globalForEvaluation.glidepathEvaluation;
}

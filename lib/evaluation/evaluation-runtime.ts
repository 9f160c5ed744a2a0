import { databaseUrl } from "@/lib/db/database-url";
import { EvaluationStore } from "./evaluation-store";
import { RateLimiter } from "./rate-limiter";
import { storeOptionsFromEnv } from "./store-options";

const globalForEvaluation = globalThis as unknown as { glidepathEvaluation?: { store: EvaluationStore; limiter: RateLimiter } };

/** One store and one rate limiter per process, shared by every OFREP request. */
export function evaluationRuntime() {
  if (!globalForEvaluation.glidepathEvaluation) {
    const rate = Number(process.env.GLIDEPATH_SDK_RATE_LIMIT ?? 10000);
    globalForEvaluation.glidepathEvaluation = {
      store: EvaluationStore.forDatabase(databaseUrl(), storeOptionsFromEnv()),
      limiter: new RateLimiter(rate, Number(process.env.GLIDEPATH_SDK_RATE_BURST ?? rate * 2)),
    };
  }
  return globalForEvaluation.glidepathEvaluation;
}

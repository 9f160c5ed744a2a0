import { databaseUrl } from "@/lib/db/database-url";
import { ingestRateLimitsFromEnv, type IngestRateLimits } from "./ingest-rate-limits";
import { EvaluationStore } from "./evaluation-store";
import { sdkRateLimiterFromEnv } from "./rate-limit-settings";
import type { RateLimiter } from "./rate-limiter";
import { storeOptionsFromEnv } from "./store-options";

type EvaluationRuntime = { store: EvaluationStore; limiter: RateLimiter; ingestLimits: IngestRateLimits };

const globalForEvaluation = globalThis as unknown as { glidepathEvaluation?: EvaluationRuntime };

/** One store and one set of per-key rate limits per process, shared by every SDK request. */
export function evaluationRuntime(): EvaluationRuntime {
  if (!globalForEvaluation.glidepathEvaluation) {
    globalForEvaluation.glidepathEvaluation = {
      store: EvaluationStore.forDatabase(databaseUrl(), storeOptionsFromEnv()),
      limiter: sdkRateLimiterFromEnv(),
      ingestLimits: ingestRateLimitsFromEnv(),
    };
  }
  return globalForEvaluation.glidepathEvaluation;
}

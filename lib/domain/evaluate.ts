import { bucketOf } from "./bucketing";
import { effectiveBasisPoints } from "./effective-basis-points";
import { MAX_BASIS_POINTS } from "./percent";
import type { ReleaseStatus } from "./rollout-state";
import { buildCohortResolver, type CohortPrefilter } from "./cohort-resolver";
import type { CohortMatcher, EvaluationContext } from "./targeting";

export type { ReleaseStatus } from "./rollout-state";

/**
 * Ordered by priority; the first match wins. `prefilter` (from prefilterOf) lets resolution
 * skip cohorts a context can't be in; without it every cohort is tested in order.
 */
export type CompiledCohort = { key: string; matches: CohortMatcher; prefilter?: CohortPrefilter | null };

export type CompiledRelease = {
  key: string;
  salt: string;
  status: ReleaseStatus;
  defaultBasisPoints: number;
  /** cohort key -> bp; a matched cohort absent from the map follows the default. */
  cohortBasisPoints: ReadonlyMap<string, number>;
};

export type EvaluationReason = "SPLIT" | "TARGETING_MATCH" | "STATIC" | "DISABLED";

export const DEFAULT_COHORT_KEY = "default";

export type Evaluation = {
  value: boolean;
  variant: "treatment" | "control";
  reason: EvaluationReason;
  /** "default" when no cohort matched. */
  cohortKey: string;
  /** null when the status decided the outcome without hashing. */
  bucket: number | null;
  /** The percentage that applied: 10000 for promoted, 0 for disabled. */
  basisPoints: number;
  status: ReleaseStatus;
};

// Built once per cohort list (snapshots swap whole lists, so identity is the cache key).
const resolvers = new WeakMap<readonly CompiledCohort[], (context: EvaluationContext) => CompiledCohort | null>();

export function resolveCohort(cohorts: readonly CompiledCohort[], context: EvaluationContext): CompiledCohort | null {
  let resolver = resolvers.get(cohorts);
  if (!resolver) {
    resolver = buildCohortResolver(cohorts);
    resolvers.set(cohorts, resolver);
  }
  return resolver(context);
}

export function evaluate(
  release: CompiledRelease,
  cohorts: readonly CompiledCohort[],
  context: EvaluationContext & { targetingKey: string },
): Evaluation {
  // Resolved even when the status decides the value, so exposure metadata still says
  // which cohort the user belongs to.
  const cohort = resolveCohort(cohorts, context);
  const cohortKey = cohort ? cohort.key : DEFAULT_COHORT_KEY;
  const { status } = release;
  const explicit = cohort ? release.cohortBasisPoints.get(cohort.key) : undefined;
  const basisPoints = effectiveBasisPoints(status, explicit ?? release.defaultBasisPoints);

  if (status === "promoted") {
    return result(true, "STATIC", cohortKey, null, basisPoints, status);
  }
  if (status !== "rolling" && status !== "paused") {
    return result(false, "DISABLED", cohortKey, null, basisPoints, status);
  }

  // Paused keeps serving the current split; it only freezes further ramping.
  const bucket = bucketOf(release.salt, context.targetingKey);
  const value = bucket < basisPoints;
  let reason: EvaluationReason;
  if (basisPoints > 0 && basisPoints < MAX_BASIS_POINTS) reason = "SPLIT";
  else reason = explicit !== undefined ? "TARGETING_MATCH" : "STATIC";
  return result(value, reason, cohortKey, bucket, basisPoints, status);
}

function result(
  value: boolean,
  reason: EvaluationReason,
  cohortKey: string,
  bucket: number | null,
  basisPoints: number,
  status: ReleaseStatus,
): Evaluation {
  return { value, variant: value ? "treatment" : "control", reason, cohortKey, bucket, basisPoints, status };
}

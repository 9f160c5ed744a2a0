// Both evaluators built from one generated workload (bench-workload.ts), so any difference in
// the numbers is the evaluators', not the data's.
import { FlagdCore } from "@openfeature/flagd-core";
import { prefilterOf } from "../../lib/domain/cohort-resolver";
import type { CompiledCohort, CompiledRelease } from "../../lib/domain/evaluate";
import { compileCohort } from "../../lib/domain/targeting";
import { benchContexts, COHORT_BASIS_POINTS, cohortConditions, DEFAULT_BASIS_POINTS } from "./bench-workload";
import { COHORT_COUNT, cohortKey, FLAG_KEY, flagdBranchConfiguration, flagdConfiguration } from "./flagd-config";

/** A type alias (not an interface) so it is assignable to both libraries' context types. */
export type BenchContext = {
  targetingKey: string;
  country: string;
  plan: string;
  platform: string;
  appVersion: string;
  age: number;
  email: string;
};

export type InProcessSetup = {
  contexts: BenchContext[];
  release: CompiledRelease;
  cohorts: CompiledCohort[];
  flagd: FlagdCore;
  /** Holds only the diagnostic branch flag, so the benchmarked core stays exactly one flag. */
  flagdBranches: FlagdCore;
};

// flagd-core's default logger would format and print debug lines; a silent one keeps the
// comparison about evaluation, as an application with logging turned down would see it.
export const silentLogger = { error() {}, warn() {}, info() {}, debug() {} };

export function createInProcessSetup(contextCount: number): InProcessSetup {
  // The same bodies the HTTP benchmark posts, parsed once: identical users on both sides.
  const contexts = benchContexts(contextCount).map((body) => (JSON.parse(body) as { context: BenchContext }).context);

  // Compiled exactly as the evaluation store compiles a snapshot (matcher + prefilter).
  const cohorts: CompiledCohort[] = Array.from({ length: COHORT_COUNT }, (_, i) => {
    const definition = { kind: "rules", conditions: cohortConditions(i) } as const;
    return { key: cohortKey(i), matches: compileCohort(definition), prefilter: prefilterOf(definition) };
  });
  const release: CompiledRelease = {
    key: FLAG_KEY,
    salt: FLAG_KEY,
    status: "rolling",
    defaultBasisPoints: DEFAULT_BASIS_POINTS,
    cohortBasisPoints: new Map(cohorts.map((c, i) => [c.key, COHORT_BASIS_POINTS(i)])),
  };

  const flagd = new FlagdCore(undefined, silentLogger);
  flagd.setConfigurations(flagdConfiguration());
  const flagdBranches = new FlagdCore(undefined, silentLogger);
  flagdBranches.setConfigurations(flagdBranchConfiguration());
  return { contexts, release, cohorts, flagd, flagdBranches };
}

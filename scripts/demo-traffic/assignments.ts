import type { Assignment } from "./app-model";
import type { EvaluatedFlag } from "./glidepath-client";

const LIVE_STATUSES = new Set(["rolling", "paused"]);

export type Served = {
  /** Every release with the cohort and variant OFREP answered: what the user's code runs. */
  all: Assignment[];
  /**
   * The releases being rolled out (rolling or paused): the user's requests are reported for
   * these, tagged like an instrumented app would. Promoted, rolled back and draft releases
   * serve everyone alike, so they have no split to watch.
   */
  live: Assignment[];
};

export function servedAssignments(flags: readonly EvaluatedFlag[]): Served {
  const all: Assignment[] = [];
  const live: Assignment[] = [];
  for (const flag of flags) {
    if (flag.variant !== "treatment" && flag.variant !== "control") continue;
    const assignment: Assignment = {
      release: flag.key,
      cohort: flag.metadata?.cohort ?? "default",
      variant: flag.variant,
    };
    all.push(assignment);
    if (LIVE_STATUSES.has(flag.metadata?.status ?? "")) live.push(assignment);
  }
  return { all, live };
}

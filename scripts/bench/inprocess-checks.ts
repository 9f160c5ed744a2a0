// Equivalence checks run before timing: a speed ratio means nothing unless both sides answer
// the same question. Hashes differ (Glidepath "salt:key" mod 10,000, flagd "flagKey"+"key"
// scaled to the weights), so split users differ; everything else must agree exactly.
import type { Condition } from "../../lib/domain/cohort-rules";
import { DEFAULT_COHORT_KEY, evaluate, type Evaluation } from "../../lib/domain/evaluate";
import { COHORT_BASIS_POINTS, cohortConditions } from "./bench-workload";
import { BRANCH_FLAG_KEY, COHORT_COUNT, cohortKey, FLAG_KEY } from "./flagd-config";
import { silentLogger, type BenchContext, type InProcessSetup } from "./inprocess-setup";

class EquivalenceError extends Error {}

function check(ok: boolean, message: string): void {
  if (!ok) throw new EquivalenceError(`equivalence check failed: ${message}`);
}

const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;

/** A value that satisfies the condition, to build a member of a chosen cohort by hand. */
function satisfying(condition: Condition): string | number {
  const value = condition.values[0]!;
  switch (condition.operator) {
    case "in":
    case "semverGte":
      return value;
    case "gt":
      return Number(value) + 1;
    case "endsWith":
      return `member${value}`;
    default:
      throw new Error(`no member builder for ${condition.operator}`);
  }
}

function memberOf(index: number): BenchContext {
  // Deliberately off-workload values for the other attributes, so no second condition holds
  // by accident; only the two conditions of the chosen cohort are set to match.
  const context: BenchContext = {
    targetingKey: `hand-built-member-of-${index}`,
    country: "none",
    plan: "none",
    platform: "none",
    appVersion: "0.0.1",
    age: 0,
    email: "nobody@example.invalid",
  };
  const record = context as unknown as Record<string, string | number>;
  for (const condition of cohortConditions(index)) record[condition.attribute] = satisfying(condition);
  return context;
}

function checkHandBuiltMembers(setup: InProcessSetup): string {
  const indexOf = (bp: number) =>
    Array.from({ length: COHORT_COUNT }, (_, i) => i).find((i) => COHORT_BASIS_POINTS(i) === bp);
  const lines: string[] = [];
  for (const [bp, expected] of [
    [10_000, true],
    [0, false],
  ] as const) {
    const index = indexOf(bp);
    check(index !== undefined, `workload has no ${bp / 100}% cohort`);
    const context = memberOf(index!);
    const g = evaluate(setup.release, setup.cohorts, context);
    const f = setup.flagd.resolveBooleanEvaluation(FLAG_KEY, !expected, context, silentLogger);
    check(g.cohortKey === cohortKey(index!), `hand-built member of ${cohortKey(index!)} resolved to ${g.cohortKey}`);
    check(g.value === expected, `Glidepath gave ${g.value} to a member of a ${bp / 100}% cohort`);
    check(f.value === expected, `flagd-core gave ${f.value} (${f.reason}) to a member of a ${bp / 100}% cohort`);
    lines.push(
      `member of ${bp / 100}% ${cohortKey(index!)}: Glidepath ${g.value} (${g.reason}), flagd-core ${f.value}`,
    );
  }
  return lines.join("; ");
}

/** Runs every check over all contexts; throws on the first disagreement, returns a report. */
export function checkEquivalence(setup: InProcessSetup): string[] {
  const { contexts, release, cohorts, flagd, flagdBranches } = setup;
  let gTreatment = 0;
  let fTreatment = 0;
  let expectedTreatment = 0;
  let nonFractional = 0;
  let early = 0;
  let late = 0;
  let split = 0;
  const reasons = new Map<string, number>();

  for (const context of contexts) {
    const g: Evaluation = evaluate(release, cohorts, context);
    const f = flagd.resolveBooleanEvaluation(FLAG_KEY, false, context, silentLogger);
    const branch = flagdBranches.resolveStringEvaluation(BRANCH_FLAG_KEY, "unresolved", context, silentLogger);
    const who = `context ${context.targetingKey}`;
    check(f.errorCode === undefined, `flagd-core error ${f.errorCode} for ${who}`);
    // Full details on the Glidepath side, as an application reads them.
    check(g.variant === (g.value ? "treatment" : "control"), `variant ${g.variant} vs value ${g.value} for ${who}`);
    check(g.bucket !== null && g.basisPoints >= 0, `missing bucket for ${who}`);
    check(f.variant === (f.value ? "on" : "off"), `flagd variant ${f.variant} vs value ${f.value} for ${who}`);
    check(branch.value === g.cohortKey, `branch: Glidepath ${g.cohortKey}, flagd-core ${branch.value} for ${who}`);
    if (g.basisPoints === 0 || g.basisPoints === 10_000) {
      nonFractional++;
      check(f.value === g.value, `0%/100% decision: Glidepath ${g.value}, flagd-core ${f.value} for ${who}`);
    }
    if (g.reason === "SPLIT") split++;
    if (g.cohortKey !== DEFAULT_COHORT_KEY) {
      if (Number(g.cohortKey.slice("cohort-".length)) < COHORT_COUNT / 2) early++;
      else late++;
    }
    reasons.set(g.reason, (reasons.get(g.reason) ?? 0) + 1);
    gTreatment += g.value ? 1 : 0;
    fTreatment += f.value ? 1 : 0;
    expectedTreatment += g.basisPoints / 10_000;
  }

  const n = contexts.length;
  // ±2 points is > 4 standard deviations at 10,000 users: only a broken split trips it.
  for (const [side, count] of [
    ["Glidepath", gTreatment],
    ["flagd-core", fTreatment],
  ] as const) {
    check(
      Math.abs(count - expectedTreatment) / n < 0.02,
      `${side} treatment share ${pct(count, n)} vs expected ${pct(expectedTreatment, n)}`,
    );
  }
  const none = n - early - late;
  const reasonText = [...reasons].map(([reason, count]) => `${reason} ${pct(count, n)}`).join(", ");
  return [
    `branch agreement: ${n}/${n} contexts take the same if-branch on both sides ` +
      `(cohorts 0–9: ${pct(early, n)}, cohorts 10–19: ${pct(late, n)}, no cohort: ${pct(none, n)})`,
    `0%/100% decisions identical on both sides: ${nonFractional}/${nonFractional}; Glidepath reasons: ${reasonText} (SPLIT path ${pct(split, n)})`,
    checkHandBuiltMembers(setup),
    `treatment share: expected ${pct(expectedTreatment, n)}, Glidepath ${pct(gTreatment, n)}, flagd-core ${pct(fTreatment, n)} ` +
      "(different hashes, so different users; shares should be close)",
  ];
}

export { EquivalenceError };

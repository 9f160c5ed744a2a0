import { formatBasisPoints } from "@/lib/domain/percent";
import { applyStep, servedBasisPoints, type PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import { EVERYONE_ELSE, type PlanStep } from "@/lib/domain/plans/plan-types";
import type { CohortUsers } from "@/lib/metrics/estimate-user-change";

export type CohortName = { key: string; name: string };

/** A cohort's name, "Everyone else" for the default key, the key itself for a cohort since archived. */
export function cohortName(cohorts: readonly CohortName[], key: string): string {
  if (key === EVERYONE_ELSE) return "Everyone else";
  return cohorts.find((c) => c.key === key)?.name ?? key;
}

/** Target keys in the order the rollout table shows them: cohorts by priority, everyone else last. */
export function orderedTargets(step: Pick<PlanStep, "targets">, cohorts: readonly CohortName[]): string[] {
  const order = [...cohorts.map((c) => c.key), EVERYONE_ELSE];
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  return Object.keys(step.targets).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * "Mobile app users 20% → 40%, US 25% → 50%": what a step sets, from the table before it (or
 * only the targets, "Mobile app users 20%", when the table before is not known).
 */
export function describeTargets(
  step: Pick<PlanStep, "targets" | "promote">,
  before: PlanPercentages | null,
  cohorts: readonly CohortName[],
): string {
  const parts = orderedTargets(step, cohorts).map((key) => {
    const to = step.targets[key]!;
    const name = cohortName(cohorts, key);
    if (!before) return `${name} ${formatBasisPoints(to)}`;
    const from = servedBasisPoints(before, key);
    return from === to
      ? `${name} stays ${formatBasisPoints(to)}`
      : `${name} ${formatBasisPoints(from)} → ${formatBasisPoints(to)}`;
  });
  if (step.promote) parts.push("promote to everyone");
  return parts.join(", ") || "no change";
}

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: "UTC",
});

/** "3 Jun, 14:00 UTC": UTC so the server's render and the browser's agree. */
export function formatUtc(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** "bake 30 min", "then a person continues", "not before 3 Jun, 14:00 UTC". */
export function describeGates(step: PlanStep): string[] {
  const gates: string[] = [];
  if (step.notBefore) gates.push(`not before ${formatUtc(step.notBefore)}`);
  if (step.waitForPerson) gates.push("a person starts it");
  if (!step.promote) gates.push(step.bakeMinutes > 0 ? `bake ${formatMinutes(step.bakeMinutes)}` : "no bake time");
  return gates;
}

/** "45 min", "2 h", "1 h 30 min", "2 d". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** The tables after each step from `from` on, starting from the table before it. */
export function tablesFrom(
  before: PlanPercentages,
  steps: readonly Pick<PlanStep, "targets">[],
  from: number,
): { index: number; before: PlanPercentages; after: PlanPercentages }[] {
  const out: { index: number; before: PlanPercentages; after: PlanPercentages }[] = [];
  let table = before;
  for (let i = from; i < steps.length; i++) {
    const after = applyStep(table, steps[i]!);
    out.push({ index: i, before: table, after });
    table = after;
  }
  return out;
}

/**
 * About how many of the users seen in the last 24 h get the release with a table: users per
 * cohort × the percentage it serves. Null without traffic: a wrong number is worse than none.
 */
export function usersServed(
  table: PlanPercentages,
  users: CohortUsers | null,
  options: { promoted?: boolean } = {},
): number | null {
  if (!users || Object.keys(users).length === 0) return null;
  return Object.entries(users).reduce(
    (sum, [key, n]) => sum + (n * (options.promoted ? 10_000 : servedBasisPoints(table, key))) / 10_000,
    0,
  );
}

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "≈ 1,200 users". */
export function formatUsers(n: number): string {
  const rounded = Math.round(n);
  return `≈ ${count.format(rounded)} user${rounded === 1 ? "" : "s"}`;
}

/** The table a release serves: nobody while it is a draft or rolled back. */
export const NOBODY: PlanPercentages = { defaultBasisPoints: 0, cohorts: {} };

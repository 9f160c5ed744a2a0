import { cohortLabel, raisedWhileRegressing, servedTo, type CohortHealth } from "./cohort-health";
import type { CohortFlow } from "./cohort-reach";
import { DEFAULT_COHORT_KEY } from "./evaluate";
import { formatBasisPoints, MAX_BASIS_POINTS } from "./percent";
import type { ReleaseStatus } from "./rollout-state";

/** Which changes in one environment need a second person. */
export type ApprovalRules = {
  /** Raising any cohort (or everyone else) above this needs approval; null: never. */
  cohortThresholdBasisPoints: number | null;
  /** Raising "everyone else" above 0%. */
  defaultAboveZero: boolean;
  promote: boolean;
  /** Any change to a release marked critical (roll back excepted). */
  criticalReleases: boolean;
  /** Raising a cohort whose treatment regresses against control (its health at the time of the change). */
  regressingCohorts: boolean;
};

export const NO_APPROVAL: ApprovalRules = {
  cohortThresholdBasisPoints: null,
  defaultAboveZero: false,
  promote: false,
  criticalReleases: false,
  regressingCohorts: false,
};

export type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number | null | undefined> };

/**
 * What the policy knows beside the change itself: cohort names for its reasons, and which
 * cohorts regress right now (read by the server at the time of the change; key → health).
 */
export type ChangeContext = {
  names?: ReadonlyMap<string, string>;
  regressing?: ReadonlyMap<string, CohortHealth>;
};

/**
 * A proposed change as the policy sees it. `set_rollout` on a draft is not live (drafts serve
 * nobody), so it is judged when the release starts: `start` exposes its percentages from 0.
 * `universalCohorts` are cohorts that let everyone in (matchesEveryone): raising one is
 * raising everyone else, so the "everyone else" rules judge it too.
 */
export type ProposedChange =
  | ({
      kind: "set_rollout";
      status: ReleaseStatus;
      before: Percentages;
      after: Percentages;
      critical: boolean;
      universalCohorts?: ReadonlySet<string>;
    } & ChangeContext)
  | ({
      kind: "start";
      percentages: Percentages;
      critical: boolean;
      universalCohorts?: ReadonlySet<string>;
    } & ChangeContext)
  /** `percentages`: what is served before the promote (every cohort below 100% is raised). */
  | ({ kind: "promote"; critical: boolean; percentages?: Percentages } & ChangeContext)
  /** Pause, resume, restart: who gets the release stays or drops, but it is still a change. */
  | { kind: "status"; critical: boolean };

const ZERO: Percentages = { defaultBasisPoints: 0, cohorts: {} };
/** After a promote: everyone, whatever their cohort. */
const EVERYONE: Percentages = { defaultBasisPoints: MAX_BASIS_POINTS, cohorts: {} };

/**
 * "Mobile app users is regressing (Error rate 5× control, last 24 h): raised 20% → 40%". Every
 * regressing cohort the change raises; a promote raises every cohort below 100%.
 */
function regressionReasons(
  rules: ApprovalRules,
  before: Percentages,
  after: Percentages,
  context: ChangeContext,
): string[] {
  if (!rules.regressingCohorts || !context.regressing) return [];
  return raisedWhileRegressing(context.regressing.values(), before, after).map(({ health, was, now }) => {
    const name = cohortLabel(health.cohortKey, context.names);
    const why = health.words ? ` (${health.words}, ${health.basis})` : ` (${health.basis})`;
    return `${name} is regressing${why}: raised ${formatBasisPoints(was)} → ${formatBasisPoints(now)}`;
  });
}
const NONE: ReadonlySet<string> = new Set();
const CRITICAL_REASON = "Changes to critical releases need approval here";

/** The reasons a change needs approval, in words; empty: it applies directly. Lowering never needs one. */
export function approvalReasons(rules: ApprovalRules | null, change: ProposedChange): string[] {
  if (!rules) return [];
  const reasons: string[] = [];
  if (change.kind === "promote" && rules.promote) reasons.push("Promoting to everyone needs approval here");
  if (change.kind === "promote" && change.percentages)
    reasons.push(...regressionReasons(rules, change.percentages, EVERYONE, change));
  if (change.kind === "set_rollout" && change.status !== "draft") {
    reasons.push(...raiseReasons(rules, change.before, change.after, change.universalCohorts ?? NONE, change.names));
    reasons.push(...regressionReasons(rules, change.before, change.after, change));
  }
  if (change.kind === "start") {
    reasons.push(...raiseReasons(rules, ZERO, change.percentages, change.universalCohorts ?? NONE, change.names));
    reasons.push(...regressionReasons(rules, ZERO, change.percentages, change));
  }
  const live = change.kind !== "set_rollout" || change.status !== "draft";
  if (rules.criticalReleases && change.critical && live) reasons.push(CRITICAL_REASON);
  return reasons;
}

function raiseReasons(
  rules: ApprovalRules,
  before: Percentages,
  after: Percentages,
  universal: ReadonlySet<string>,
  names: ReadonlyMap<string, string> | undefined,
): string[] {
  const reasons: string[] = [];
  const threshold = rules.cohortThresholdBasisPoints;
  const keys = [...new Set([...Object.keys(before.cohorts), ...Object.keys(after.cohorts)])].sort();
  const label = (key: string) => cohortLabel(key, names);
  if (threshold !== null) {
    for (const key of keys) {
      const was = servedTo(before, key);
      const now = servedTo(after, key);
      if (now > was && now > threshold)
        reasons.push(`${label(key)} raised above ${formatBasisPoints(threshold)} (to ${formatBasisPoints(now)})`);
    }
    if (after.defaultBasisPoints > before.defaultBasisPoints && after.defaultBasisPoints > threshold) {
      reasons.push(
        `everyone else raised above ${formatBasisPoints(threshold)} (to ${formatBasisPoints(after.defaultBasisPoints)})`,
      );
    }
  }
  if (rules.defaultAboveZero) {
    if (after.defaultBasisPoints > 0 && after.defaultBasisPoints > before.defaultBasisPoints) {
      reasons.push(`everyone else raised above 0% (to ${formatBasisPoints(after.defaultBasisPoints)})`);
    }
    for (const key of keys) {
      const now = servedTo(after, key);
      if (universal.has(key) && now > 0 && now > servedTo(before, key)) {
        reasons.push(
          `${label(key)} matches everyone, so it counts as everyone else: raised above 0% (to ${formatBasisPoints(now)})`,
        );
      }
    }
  }
  return reasons;
}

/** A release that serves users in one environment (rolling or paused), as cohort changes see it. */
export type LiveRollout = { name: string; critical: boolean; percentages: Percentages };

/**
 * Why moving users between cohorts (a cohort edit, reorder or archive) needs approval for one
 * live release: users who land where the release serves more than where they were are raised,
 * and are judged like any raise. `names` turns cohort keys into words.
 */
export function cohortFlowReasons(
  rules: ApprovalRules | null,
  rollout: LiveRollout,
  flows: readonly CohortFlow[],
  names: ReadonlyMap<string, string>,
  /** Cohorts that match everyone once the change is made: landing in one is landing in everyone else. */
  universal: ReadonlySet<string> = new Set(),
): string[] {
  if (!rules) return [];
  const { percentages } = rollout;
  const served = (place: string) =>
    place === DEFAULT_COHORT_KEY
      ? percentages.defaultBasisPoints
      : (percentages.cohorts[place] ?? percentages.defaultBasisPoints);
  const label = (place: string) => (place === DEFAULT_COHORT_KEY ? "everyone else" : (names.get(place) ?? place));
  // Grouped by where users land, so a widened cohort reads as one line per release.
  const raisedInto = new Map<string, { now: number; why: string; from: string[] }>();
  let changesWhoGetsIt = false;
  for (const { from, to } of flows) {
    const was = served(from);
    const now = served(to);
    if (was !== now) changesWhoGetsIt = true;
    if (now <= was) continue;
    const threshold = rules.cohortThresholdBasisPoints;
    const why =
      threshold !== null && now > threshold
        ? `above ${formatBasisPoints(threshold)}`
        : rules.defaultAboveZero && (to === DEFAULT_COHORT_KEY || universal.has(to))
          ? to === DEFAULT_COHORT_KEY
            ? "everyone else above 0%"
            : `${label(to)} matches everyone, so it counts as everyone else above 0%`
          : null;
    if (!why) continue;
    const entry = raisedInto.get(to) ?? { now, why, from: [] };
    entry.from.push(`${label(from)} (${formatBasisPoints(was)})`);
    raisedInto.set(to, entry);
  }
  const reasons = [...raisedInto].map(
    ([to, { now, why, from }]) =>
      `${rollout.name}: users moving to ${label(to)} from ${from.join(", ")} would get ${formatBasisPoints(now)} (${why})`,
  );
  if (rules.criticalReleases && rollout.critical && changesWhoGetsIt)
    reasons.push(`${rollout.name} is critical: changing who gets it needs approval here`);
  return reasons;
}

/** One line for the policy editor and the release page: what needs approval here. */
export function describeRules(rules: ApprovalRules | null): string {
  if (!rules) return "Every change applies directly";
  const parts: string[] = [];
  if (rules.cohortThresholdBasisPoints !== null)
    parts.push(`raising a cohort above ${formatBasisPoints(rules.cohortThresholdBasisPoints)}`);
  if (rules.defaultAboveZero) parts.push("raising everyone else above 0%");
  if (rules.promote) parts.push("promoting");
  if (rules.regressingCohorts) parts.push("raising a cohort that is regressing");
  if (rules.criticalReleases) parts.push("any change to a critical release");
  return parts.length ? `Needs approval: ${parts.join(", ")}` : "Every change applies directly";
}

/** 1440 → "1 day", 90 → "90 minutes". */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

import { formatBasisPoints } from "./percent";
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
};

export const NO_APPROVAL: ApprovalRules = { cohortThresholdBasisPoints: null, defaultAboveZero: false, promote: false, criticalReleases: false };

export type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number | null | undefined> };

/**
 * A proposed change as the policy sees it. `set_rollout` on a draft is not live (drafts serve
 * nobody), so it is judged when the release starts: `start` exposes its percentages from 0.
 */
export type ProposedChange =
  | { kind: "set_rollout"; status: ReleaseStatus; before: Percentages; after: Percentages; critical: boolean }
  | { kind: "start"; percentages: Percentages; critical: boolean }
  | { kind: "promote"; critical: boolean };

const ZERO: Percentages = { defaultBasisPoints: 0, cohorts: {} };

/** The reasons a change needs approval, in words; empty: it applies directly. Lowering never needs one. */
export function approvalReasons(rules: ApprovalRules | null, change: ProposedChange): string[] {
  if (!rules) return [];
  const reasons: string[] = [];
  if (change.kind === "promote" && rules.promote) reasons.push("Promoting to everyone needs approval here");
  if (change.kind === "set_rollout" && change.status !== "draft") reasons.push(...raiseReasons(rules, change.before, change.after));
  if (change.kind === "start") reasons.push(...raiseReasons(rules, ZERO, change.percentages));
  const live = change.kind !== "set_rollout" || change.status !== "draft";
  if (rules.criticalReleases && change.critical && live) reasons.push("Changes to critical releases need approval here");
  return reasons;
}

function raiseReasons(rules: ApprovalRules, before: Percentages, after: Percentages): string[] {
  const reasons: string[] = [];
  const threshold = rules.cohortThresholdBasisPoints;
  if (threshold !== null) {
    const keys = [...new Set([...Object.keys(before.cohorts), ...Object.keys(after.cohorts)])].sort();
    for (const key of keys) {
      // A cohort without its own percentage follows everyone else: judge what it really serves.
      const was = before.cohorts[key] ?? before.defaultBasisPoints;
      const now = after.cohorts[key] ?? after.defaultBasisPoints;
      if (now > was && now > threshold) reasons.push(`${key} raised above ${formatBasisPoints(threshold)} (to ${formatBasisPoints(now)})`);
    }
    if (after.defaultBasisPoints > before.defaultBasisPoints && after.defaultBasisPoints > threshold) {
      reasons.push(`everyone else raised above ${formatBasisPoints(threshold)} (to ${formatBasisPoints(after.defaultBasisPoints)})`);
    }
  }
  if (rules.defaultAboveZero && after.defaultBasisPoints > 0 && after.defaultBasisPoints > before.defaultBasisPoints) {
    reasons.push(`everyone else raised above 0% (to ${formatBasisPoints(after.defaultBasisPoints)})`);
  }
  return reasons;
}

/** One line for the policy editor and the release page: what needs approval here. */
export function describeRules(rules: ApprovalRules | null): string {
  if (!rules) return "Every change applies directly";
  const parts: string[] = [];
  if (rules.cohortThresholdBasisPoints !== null) parts.push(`raising a cohort above ${formatBasisPoints(rules.cohortThresholdBasisPoints)}`);
  if (rules.defaultAboveZero) parts.push("raising everyone else above 0%");
  if (rules.promote) parts.push("promoting");
  if (rules.criticalReleases) parts.push("any change to a critical release");
  return parts.length ? `Needs approval: ${parts.join(", ")}` : "Every change applies directly";
}

/** 1440 → "1 day", 90 → "90 minutes". */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

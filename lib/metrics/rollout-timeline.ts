import { effectiveBasisPoints } from "@/lib/domain/effective-basis-points";
import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import { isReleaseStatus, type ReleaseStatus } from "@/lib/domain/rollout-state";
import type { PercentByCohort, RolloutChangePoint, RolloutTimeline } from "./release-chart-types";

/** A rollout's stored values; a cohort absent from `cohorts` follows the default. */
export type RolloutValuesAt = { status: ReleaseStatus; defaultBasisPoints: number; cohorts: Record<string, number> };

/** One rollout audit event of a release in one environment, as stored (before/after parsed). */
export type RolloutAuditRecord = {
  at: number;
  actorName: string;
  action: string;
  summary: string;
  before: unknown;
  after: unknown;
};

/** What users of each cohort get, in percent: promoted → 100, draft and rolled back → 0, paused keeps its split. */
export function percentByCohort(values: RolloutValuesAt, cohortKeys: readonly string[]): PercentByCohort {
  const out: PercentByCohort = {};
  for (const key of cohortKeys) {
    const configured =
      key === DEFAULT_COHORT_KEY ? values.defaultBasisPoints : (values.cohorts[key] ?? values.defaultBasisPoints);
    out[key] = effectiveBasisPoints(values.status, configured) / 100;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Lays an event's recorded side (before or after) over a known state. Percentage changes
 * record no status (it didn't change), status changes record everything; fields that are
 * absent or malformed keep the known value.
 */
export function overlay(state: RolloutValuesAt, recorded: unknown): RolloutValuesAt {
  if (!isRecord(recorded)) return state;
  const next = { ...state };
  if (typeof recorded.status === "string" && isReleaseStatus(recorded.status)) next.status = recorded.status;
  if (typeof recorded.defaultBasisPoints === "number") next.defaultBasisPoints = recorded.defaultBasisPoints;
  if (isRecord(recorded.cohorts)) {
    next.cohorts = Object.fromEntries(
      Object.entries(recorded.cohorts).filter((entry): entry is [string, number] => typeof entry[1] === "number"),
    );
  }
  return next;
}

/**
 * The rollout over a time range, rebuilt backwards from the current values: each event's
 * `before` says what held until it. Walking back (rather than replaying forwards) needs only
 * the events since the range started, and percentage events — which don't record the
 * status — still land on the right status.
 *
 * `events` must include every rollout event at or after `range.from` (earlier ones are
 * ignored), in any order.
 */
export function rolloutTimeline(input: {
  current: RolloutValuesAt;
  events: readonly RolloutAuditRecord[];
  cohortKeys: readonly string[];
  range: { from: number; to: number };
}): RolloutTimeline {
  const { cohortKeys, range } = input;
  // Newest first; the stable sort keeps the caller's order (id) among events of the same instant.
  const newestFirst = [...input.events].sort((a, b) => b.at - a.at);
  let state = input.current;
  const changes: RolloutChangePoint[] = [];
  for (const event of newestFirst) {
    if (event.at < range.from) break;
    const after = overlay(state, event.after);
    if (event.at <= range.to) {
      changes.push({
        at: event.at,
        actorName: event.actorName,
        action: event.action,
        summary: event.summary,
        percentByCohort: percentByCohort(after, cohortKeys),
      });
    }
    state = overlay(after, event.before);
  }
  return { initial: percentByCohort(state, cohortKeys), changes: changes.reverse() };
}

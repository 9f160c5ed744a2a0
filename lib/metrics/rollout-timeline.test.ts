import { describe, expect, it } from "vitest";
import {
  overlay,
  percentByCohort,
  rolloutTimeline,
  type RolloutAuditRecord,
  type RolloutValuesAt,
} from "./rollout-timeline";

const KEYS = ["beta", "eu", "default"];
const MIN = 60_000;

// The shapes set-rollout.ts and change-release-status.ts write.
function setEvent(
  at: number,
  actorName: string,
  before: Omit<RolloutValuesAt, "status">,
  after: Omit<RolloutValuesAt, "status">,
): RolloutAuditRecord {
  return {
    at,
    actorName,
    action: "rollout.percentages_set",
    summary: "Set …",
    before: { ...before, version: 1 },
    after: { ...after, version: 2 },
  };
}
function statusEvent(
  at: number,
  actorName: string,
  action: string,
  before: RolloutValuesAt,
  after: RolloutValuesAt,
): RolloutAuditRecord {
  return { at, actorName, action, summary: action, before: { ...before, version: 1 }, after: { ...after, version: 2 } };
}

describe("percentByCohort", () => {
  const values = { defaultBasisPoints: 500, cohorts: { beta: 2550 } };

  it("gives explicit cohorts their value, followers and everyone else the default", () => {
    expect(percentByCohort({ status: "rolling", ...values }, KEYS)).toEqual({ beta: 25.5, eu: 5, default: 5 });
  });

  it("paused keeps the split; promoted is 100 and draft or rolled back 0 for everyone", () => {
    expect(percentByCohort({ status: "paused", ...values }, KEYS)).toEqual({ beta: 25.5, eu: 5, default: 5 });
    expect(percentByCohort({ status: "promoted", ...values }, KEYS)).toEqual({ beta: 100, eu: 100, default: 100 });
    expect(percentByCohort({ status: "draft", ...values }, KEYS)).toEqual({ beta: 0, eu: 0, default: 0 });
    expect(percentByCohort({ status: "rolled_back", ...values }, KEYS)).toEqual({ beta: 0, eu: 0, default: 0 });
  });
});

describe("overlay", () => {
  const state: RolloutValuesAt = { status: "rolling", defaultBasisPoints: 100, cohorts: { beta: 200 } };

  it("keeps the status when the event did not record one (percentage changes)", () => {
    expect(overlay(state, { defaultBasisPoints: 0, cohorts: {}, version: 3 })).toEqual({
      status: "rolling",
      defaultBasisPoints: 0,
      cohorts: {},
    });
  });

  it("ignores malformed fields and non-objects", () => {
    expect(overlay(state, { status: "exploded", defaultBasisPoints: "x", cohorts: { beta: "1", eu: 300 } })).toEqual({
      status: "rolling",
      defaultBasisPoints: 100,
      cohorts: { eu: 300 },
    });
    expect(overlay(state, null)).toBe(state);
    expect(overlay(state, [1, 2])).toBe(state);
  });
});

describe("rolloutTimeline", () => {
  const from = 1_000 * MIN;
  const to = from + 60 * MIN;

  it("with no events, every cohort sits at today's values for the whole range", () => {
    const timeline = rolloutTimeline({
      current: { status: "rolling", defaultBasisPoints: 1000, cohorts: { beta: 5000 } },
      events: [],
      cohortKeys: KEYS,
      range: { from, to },
    });
    expect(timeline).toEqual({ initial: { beta: 50, eu: 10, default: 10 }, changes: [] });
  });

  it("walks back from today's values: start → ramp → promote → roll back, with who did each", () => {
    const draft = { status: "draft" as const, defaultBasisPoints: 0, cohorts: {} };
    const events = [
      statusEvent(from + 10 * MIN, "Eddie Editor", "rollout.started", draft, { ...draft, status: "rolling" }),
      setEvent(
        from + 20 * MIN,
        "Erin Editor",
        { defaultBasisPoints: 0, cohorts: {} },
        { defaultBasisPoints: 500, cohorts: { beta: 2500 } },
      ),
      statusEvent(
        from + 30 * MIN,
        "Eddie Editor",
        "rollout.promoted",
        { status: "rolling", defaultBasisPoints: 500, cohorts: { beta: 2500 } },
        { status: "promoted", defaultBasisPoints: 500, cohorts: { beta: 2500 } },
      ),
      statusEvent(
        from + 40 * MIN,
        "Ada Admin",
        "rollout.rolled_back",
        { status: "promoted", defaultBasisPoints: 500, cohorts: { beta: 2500 } },
        { status: "rolled_back", defaultBasisPoints: 500, cohorts: { beta: 2500 } },
      ),
    ];
    // Shuffled on purpose: order comes from the timestamps.
    const timeline = rolloutTimeline({
      current: { status: "rolled_back", defaultBasisPoints: 500, cohorts: { beta: 2500 } },
      events: [events[2]!, events[0]!, events[3]!, events[1]!],
      cohortKeys: KEYS,
      range: { from, to },
    });
    expect(timeline.initial).toEqual({ beta: 0, eu: 0, default: 0 });
    expect(timeline.changes.map((c) => [c.at - from, c.actorName, c.action, c.percentByCohort])).toEqual([
      [10 * MIN, "Eddie Editor", "rollout.started", { beta: 0, eu: 0, default: 0 }],
      [20 * MIN, "Erin Editor", "rollout.percentages_set", { beta: 25, eu: 5, default: 5 }],
      [30 * MIN, "Eddie Editor", "rollout.promoted", { beta: 100, eu: 100, default: 100 }],
      [40 * MIN, "Ada Admin", "rollout.rolled_back", { beta: 0, eu: 0, default: 0 }],
    ]);
  });

  it("a paused release keeps its split, and a percentage change before the range sets the initial values", () => {
    // Events before `from` are not needed (and ignored): the state before the first one in range is the initial one.
    const events = [
      setEvent(
        from - 5 * MIN,
        "Someone Earlier",
        { defaultBasisPoints: 0, cohorts: {} },
        { defaultBasisPoints: 200, cohorts: {} },
      ),
      statusEvent(
        from + 5 * MIN,
        "Eddie Editor",
        "rollout.paused",
        { status: "rolling", defaultBasisPoints: 200, cohorts: { eu: 1000 } },
        { status: "paused", defaultBasisPoints: 200, cohorts: { eu: 1000 } },
      ),
    ];
    const timeline = rolloutTimeline({
      current: { status: "paused", defaultBasisPoints: 200, cohorts: { eu: 1000 } },
      events,
      cohortKeys: KEYS,
      range: { from, to },
    });
    expect(timeline.initial).toEqual({ beta: 2, eu: 10, default: 2 });
    expect(timeline.changes).toHaveLength(1);
    expect(timeline.changes[0]?.percentByCohort).toEqual({ beta: 2, eu: 10, default: 2 });
  });

  it("changes after the range end are walked through but not listed (a custom range in the past)", () => {
    const events = [
      setEvent(
        from + 10 * MIN,
        "Eddie Editor",
        { defaultBasisPoints: 0, cohorts: {} },
        { defaultBasisPoints: 1000, cohorts: {} },
      ),
      setEvent(
        to + 10 * MIN,
        "Erin Editor",
        { defaultBasisPoints: 1000, cohorts: {} },
        { defaultBasisPoints: 5000, cohorts: { beta: 10000 } },
      ),
    ];
    const timeline = rolloutTimeline({
      current: { status: "rolling", defaultBasisPoints: 5000, cohorts: { beta: 10000 } },
      events,
      cohortKeys: KEYS,
      range: { from, to },
    });
    expect(timeline.initial).toEqual({ beta: 0, eu: 0, default: 0 });
    expect(timeline.changes.map((c) => [c.actorName, c.percentByCohort])).toEqual([
      ["Eddie Editor", { beta: 10, eu: 10, default: 10 }],
    ]);
  });

  it("a restart puts everyone back to 0 and clears the cohorts", () => {
    const before = { status: "rolled_back" as const, defaultBasisPoints: 3000, cohorts: { beta: 9000 } };
    const events = [
      statusEvent(from + MIN, "Eddie Editor", "rollout.restarted", before, {
        status: "draft",
        defaultBasisPoints: 0,
        cohorts: {},
      }),
    ];
    const timeline = rolloutTimeline({
      current: { status: "draft", defaultBasisPoints: 0, cohorts: {} },
      events,
      cohortKeys: KEYS,
      range: { from, to },
    });
    expect(timeline.initial).toEqual({ beta: 0, eu: 0, default: 0 });
    expect(timeline.changes[0]?.percentByCohort).toEqual({ beta: 0, eu: 0, default: 0 });
  });
});

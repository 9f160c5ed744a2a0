import { describe, expect, it } from "vitest";
import {
  COMMAND_LABELS,
  RELEASE_STATUSES,
  ROLLOUT_COMMANDS,
  STATUS_LABELS,
  availableCommands,
  canEditPercentages,
  isReleaseStatus,
  nextStatus,
  type ReleaseStatus,
  type RolloutCommand,
} from "./rollout-state";

// Expected target per (command, status); null = refused.
const EXPECTED: Record<RolloutCommand, Record<ReleaseStatus, ReleaseStatus | null>> = {
  start: { draft: "rolling", rolling: null, paused: null, promoted: null, rolled_back: null },
  pause: { draft: null, rolling: "paused", paused: null, promoted: null, rolled_back: null },
  resume: { draft: null, rolling: null, paused: "rolling", promoted: null, rolled_back: null },
  promote: { draft: "promoted", rolling: "promoted", paused: "promoted", promoted: null, rolled_back: null },
  rollback: {
    draft: "rolled_back",
    rolling: "rolled_back",
    paused: "rolled_back",
    promoted: "rolled_back",
    rolled_back: null,
  },
  restart: { draft: null, rolling: null, paused: null, promoted: null, rolled_back: "draft" },
  restore: { draft: null, rolling: null, paused: null, promoted: null, rolled_back: "rolling" },
};

const table = ROLLOUT_COMMANDS.flatMap((command) =>
  RELEASE_STATUSES.map((status) => [command, status, EXPECTED[command][status]] as const),
);

describe("nextStatus", () => {
  it.each(table)("%s from %s -> %s", (command, status, expected) => {
    const result = nextStatus(status, command);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^[A-Z].{10,}[^.]$/);
    } else {
      expect(result).toEqual({ ok: true, status: expected });
    }
  });

  it("explains refusals in plain words", () => {
    expect(nextStatus("promoted", "pause")).toEqual({ ok: false, reason: "A promoted release can't be paused" });
    expect(nextStatus("rolled_back", "rollback")).toEqual({
      ok: false,
      reason: "The release is already rolled back",
    });
  });

  it("refuses unknown commands and statuses from unchecked input", () => {
    expect(nextStatus("rolling", "launch" as RolloutCommand).ok).toBe(false);
    expect(nextStatus("archived" as ReleaseStatus, "start").ok).toBe(false);
    expect(nextStatus("toString" as ReleaseStatus, "constructor" as RolloutCommand).ok).toBe(false);
  });
});

describe("availableCommands", () => {
  it.each(RELEASE_STATUSES)("lists exactly the accepted commands for %s", (status) => {
    const accepted = ROLLOUT_COMMANDS.filter((command) => EXPECTED[command][status] !== null);
    expect(availableCommands(status)).toEqual(accepted);
  });

  it("always offers rollback from a live state", () => {
    for (const status of ["draft", "rolling", "paused", "promoted"] as const) {
      expect(availableCommands(status)).toContain("rollback");
    }
  });
});

describe("canEditPercentages", () => {
  it.each<[ReleaseStatus, boolean]>([
    ["draft", true],
    ["rolling", true],
    ["paused", true],
    ["promoted", false],
    ["rolled_back", false],
  ])("%s -> %s", (status, expected) => {
    expect(canEditPercentages(status)).toBe(expected);
  });
});

describe("labels and guards", () => {
  it("labels every status and command", () => {
    for (const status of RELEASE_STATUSES) expect(STATUS_LABELS[status]).toMatch(/\S/);
    for (const command of ROLLOUT_COMMANDS) expect(COMMAND_LABELS[command]).toMatch(/\S/);
  });

  it("recognises release statuses", () => {
    for (const status of RELEASE_STATUSES) expect(isReleaseStatus(status)).toBe(true);
    for (const value of ["archived", "", null, 3, "toString"]) expect(isReleaseStatus(value)).toBe(false);
  });
});

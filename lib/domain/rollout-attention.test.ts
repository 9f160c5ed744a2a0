import { describe, expect, it } from "vitest";
import { attentionFirst, attentionRank, describeAttention, NO_ATTENTION, type Attention } from "./rollout-attention";

const row = (key: string, attention: Partial<Attention> = {}) => ({
  key,
  attention: { ...NO_ATTENTION, ...attention },
});

describe("attentionFirst", () => {
  it("regressions, then held or stale plans, then pending approvals, then the rest in the order given", () => {
    const rows = [
      row("recent"),
      row("waiting", { pendingRequests: 2 }),
      row("held", { held: true }),
      row("older"),
      row("regressing", { regressing: 1, pendingRequests: 1 }),
      row("stale", { stale: true }),
    ];
    expect(attentionFirst(rows, (r) => r.attention).map((r) => r.key)).toEqual([
      "regressing",
      "held",
      "stale",
      "waiting",
      "recent",
      "older",
    ]);
  });

  it("nothing to do keeps the order (last change first)", () => {
    const rows = [row("c"), row("b"), row("a")];
    expect(attentionFirst(rows, (r) => r.attention).map((r) => r.key)).toEqual(["c", "b", "a"]);
  });

  it("ranks and words", () => {
    expect(attentionRank(NO_ATTENTION)).toBe(3);
    expect(attentionRank({ ...NO_ATTENTION, regressing: 2, held: true })).toBe(0);
    expect(describeAttention({ regressing: 2, held: true, stale: false, pendingRequests: 1 })).toEqual([
      "2 cohorts regressing",
      "plan held",
    ]);
  });
});

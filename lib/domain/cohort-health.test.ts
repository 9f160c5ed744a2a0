import { describe, expect, it } from "vitest";
import {
  describeHarm,
  regressionCount,
  regressingByKey,
  sortWorstFirst,
  type CohortHealth,
  type CohortHealthState,
} from "./cohort-health";

const health = (cohortName: string, state: CohortHealthState, harm: number | null): CohortHealth => ({
  cohortKey: cohortName.toLowerCase(),
  cohortName,
  state,
  words: null,
  harm,
  basis: "last 24 h",
});

describe("sortWorstFirst", () => {
  it("regressing first, then not sure, healthy, no data; the larger harm first within a state", () => {
    const sorted = sortWorstFirst([
      health("Staff", "no_data", null),
      health("EU", "healthy", -0.1),
      health("US", "not_sure", 0.3),
      health("Mobile", "regressing", 4),
      health("Tablet", "regressing", 0.5),
      health("Everyone", "healthy", 0.05),
    ]);
    expect(sorted.map((c) => c.cohortName)).toEqual(["Mobile", "Tablet", "US", "Everyone", "EU", "Staff"]);
  });

  it("keeps names in order when nothing else tells them apart", () => {
    expect(
      sortWorstFirst([health("B", "no_data", null), health("A", "no_data", null)]).map((c) => c.cohortName),
    ).toEqual(["A", "B"]);
  });
});

describe("words", () => {
  it("times control once it is twice as bad, a percentage below", () => {
    expect(describeHarm("Error rate", 4)).toBe("Error rate 5× control");
    expect(describeHarm("Error rate", 9.2)).toBe("Error rate 10× control");
    expect(describeHarm("Latency p95", 1.5)).toBe("Latency p95 2.5× control");
    expect(describeHarm("Latency p95", 0.4)).toBe("Latency p95 40% worse than control");
    expect(describeHarm("Error rate", Number.POSITIVE_INFINITY)).toBe("Error rate above a control of zero");
  });

  it("counts regressing cohorts, and keys them for the policy", () => {
    const list = [health("Mobile", "regressing", 4), health("EU", "healthy", 0)];
    expect(regressionCount(list)).toBe("1 cohort regressing");
    expect(regressionCount([...list, health("US", "regressing", 1)])).toBe("2 cohorts regressing");
    expect(regressionCount([list[1]!])).toBeNull();
    expect([...regressingByKey(list).keys()]).toEqual(["mobile"]);
  });
});

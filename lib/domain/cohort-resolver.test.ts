import { describe, expect, it } from "vitest";
import type { CohortDefinition, Condition } from "./cohort-rules";
import { buildCohortResolver, prefilterOf } from "./cohort-resolver";
import { seededRandom } from "./seeded-random";
import { compileCohort, type EvaluationContext } from "./targeting";

const COUNTRIES = ["DE", "FR", "US", "JP"];
const PLANS = ["free", "pro"];

function randomDefinition(next: () => number): CohortDefinition {
  if (next() < 0.15)
    return { kind: "keys", targetingKeys: Array.from({ length: 3 }, () => `u${Math.floor(next() * 40)}`) };
  const conditions: Condition[] = [];
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const count = 1 + Math.floor(next() * 2);
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.45)
      conditions.push({ attribute: "country", operator: "in", values: [pick(COUNTRIES), pick(COUNTRIES)] });
    else if (roll < 0.7) conditions.push({ attribute: "plan", operator: "in", values: [pick(PLANS)] });
    else if (roll < 0.85)
      conditions.push({ attribute: "age", operator: "gt", values: [String(Math.floor(next() * 60))] });
    else conditions.push({ attribute: "plan", operator: "notIn", values: [pick(PLANS)] });
  }
  return { kind: "rules", conditions };
}

describe("buildCohortResolver", () => {
  it("gives exactly the first match a linear scan gives, on random cohorts and contexts", () => {
    const next = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const cohorts = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => {
        const definition = randomDefinition(next);
        return { key: `c${i}`, matches: compileCohort(definition), prefilter: prefilterOf(definition) };
      });
      const resolve = buildCohortResolver(cohorts);
      for (let c = 0; c < 50; c++) {
        const context: EvaluationContext = { targetingKey: `u${Math.floor(next() * 40)}` };
        if (next() < 0.9) context.country = COUNTRIES[Math.floor(next() * COUNTRIES.length)];
        if (next() < 0.8) context.plan = PLANS[Math.floor(next() * PLANS.length)];
        if (next() < 0.7) context.age = Math.floor(next() * 70);
        const linear = cohorts.find((cohort) => cohort.matches(context)) ?? null;
        expect(resolve(context)?.key ?? null).toBe(linear?.key ?? null);
      }
    }
  });

  it("keeps priority order across indexed and unindexed cohorts", () => {
    const defs: CohortDefinition[] = [
      { kind: "rules", conditions: [{ attribute: "age", operator: "gt", values: ["30"] }] },
      { kind: "rules", conditions: [{ attribute: "country", operator: "in", values: ["DE"] }] },
    ];
    const cohorts = defs.map((d, i) => ({ key: `c${i}`, matches: compileCohort(d), prefilter: prefilterOf(d) }));
    const resolve = buildCohortResolver(cohorts);
    expect(resolve({ targetingKey: "a", country: "DE", age: 40 })?.key).toBe("c0");
    expect(resolve({ targetingKey: "a", country: "DE", age: 20 })?.key).toBe("c1");
    expect(resolve({ targetingKey: "a", country: "FR", age: 20 })).toBeNull();
  });

  it("matches booleans and numbers the way conditions do", () => {
    const def: CohortDefinition = {
      kind: "rules",
      conditions: [{ attribute: "beta", operator: "in", values: ["true"] }],
    };
    const resolve = buildCohortResolver([{ key: "beta", matches: compileCohort(def), prefilter: prefilterOf(def) }]);
    expect(resolve({ targetingKey: "a", beta: true })?.key).toBe("beta");
    expect(resolve({ targetingKey: "a", beta: "false" })).toBeNull();
  });
});

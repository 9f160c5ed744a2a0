import { describe, expect, it } from "vitest";
import { evaluate, type CompiledCohort, type CompiledRelease } from "@/lib/domain/evaluate";
import { compileCohort } from "@/lib/domain/targeting";
import { prefilterOf } from "@/lib/domain/cohort-resolver";
import { DEMO_TEAMS } from "@/lib/seed/demo-data";
import { planTeam } from "@/lib/seed/plan-team";
import { behaviourOf, REGRESSION, type Assignment } from "./app-model";
import { parseOptions } from "./options";
import { createRandom } from "./random";
import { BETA_KEYS, evaluationContext, syntheticUsers } from "./synthetic-users";

const acme = DEMO_TEAMS.find((t) => t.slug === "acme")!;
const plan = planTeam(acme);
const cohorts: CompiledCohort[] = plan.cohorts.map((c) => ({
  key: c.key,
  matches: compileCohort(c.definition),
  prefilter: prefilterOf(c.definition),
}));

const productionReleases = plan.rollouts
  .filter((r) => r.environmentKey === "production")
  .map((r) => productionRelease(r.releaseKey));

function productionRelease(key: string): CompiledRelease {
  const rollout = plan.rollouts.find((r) => r.releaseKey === key && r.environmentKey === "production")!;
  return {
    key,
    salt: key,
    status: rollout.state.status,
    defaultBasisPoints: rollout.state.defaultBasisPoints,
    cohortBasisPoints: new Map(Object.entries(rollout.state.cohorts)),
  };
}

describe("the synthetic shoppers", () => {
  const users = syntheticUsers(3_000, createRandom(1));

  it("are the same people for the same seed, and unique", () => {
    expect(syntheticUsers(50, createRandom(1))).toEqual(users.slice(0, 50));
    expect(new Set(users.map((u) => u.targetingKey)).size).toBe(users.length);
    expect(users.slice(0, BETA_KEYS.length).map((u) => u.targetingKey)).toEqual(BETA_KEYS);
    expect(BETA_KEYS.length).toBeGreaterThan(0);
  });

  it("fall into every seeded cohort, as the app's own evaluate() resolves them", () => {
    const counts = new Map<string, number>();
    for (const user of users) {
      const key = evaluate(productionRelease("new-checkout"), cohorts, evaluationContext(user)).cohortKey;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const cohort of [...acme.cohorts.map((c) => c.key), "default"])
      expect(counts.get(cohort) ?? 0, cohort).toBeGreaterThanOrEqual(15);
    // The regressed cohort is big enough for its treatment to be charted with confidence.
    expect(counts.get(REGRESSION.cohort)).toBeGreaterThan(200);
  });

  it("see the regressed release split in their cohort, so treatment and control can be compared", () => {
    const release = productionRelease(REGRESSION.release);
    expect(release.status).toBe("rolling");
    const basisPoints = release.cohortBasisPoints.get(REGRESSION.cohort);
    expect(basisPoints).toBeGreaterThan(0);
    expect(basisPoints).toBeLessThan(10_000);
    const inCohort = users
      .map((u) => evaluate(release, cohorts, evaluationContext(u)))
      .filter((e) => e.cohortKey === REGRESSION.cohort);
    const treated = inCohort.filter((e) => e.variant === "treatment").length;
    expect(treated / inCohort.length).toBeCloseTo(basisPoints! / 10_000, 1);
  });
});

describe("the default pool", () => {
  const { poolSize, seed } = parseOptions([], { GLIDEPATH_DEMO_SDK_KEY: "k" }, "/nowhere") as {
    poolSize: number;
    seed: number;
  };
  const served = syntheticUsers(poolSize, createRandom(seed)).map((user) => {
    const all: Assignment[] = productionReleases.map((release) => {
      const e = evaluate(release, cohorts, evaluationContext(user));
      return { release: release.key, cohort: e.cohortKey, variant: e.variant };
    });
    return { all, errorProbability: behaviourOf(user, all).errorProbability };
  });

  it("is big enough that the regression reaches other releases' arms evenly, so only the regressed one shows it", () => {
    for (const release of productionReleases.filter((r) => r.status === "rolling" || r.status === "paused")) {
      for (const cohort of [...acme.cohorts.map((c) => c.key), "default"]) {
        const arm = (variant: string) =>
          served.filter((s) =>
            s.all.some((a) => a.release === release.key && a.cohort === cohort && a.variant === variant),
          );
        const treatment = arm("treatment");
        const control = arm("control");
        if (treatment.length < 100 || control.length < 100) continue;
        const mean = (rows: typeof served) => rows.reduce((n, r) => n + r.errorProbability, 0) / rows.length;
        const ratio = mean(treatment) / mean(control);
        const regressed = release.key === REGRESSION.release && cohort === REGRESSION.cohort;
        if (regressed) expect(ratio, `${release.key}/${cohort}`).toBeCloseTo(REGRESSION.errorFactor);
        else {
          expect(ratio, `${release.key}/${cohort}`).toBeGreaterThan(0.85);
          expect(ratio, `${release.key}/${cohort}`).toBeLessThan(1.15);
        }
      }
    }
  });
});

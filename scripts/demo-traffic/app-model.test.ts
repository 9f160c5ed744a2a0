import { describe, expect, it } from "vitest";
import { DEMO_METRICS } from "@/lib/seed/demo-metrics";
import { behaviourOf, isRegressed, REGRESSION, simulateVisit, type Assignment } from "./app-model";
import { DEMO_METRIC_KEYS } from "./observations";
import { createRandom, logNormalParameters } from "./random";
import type { SyntheticUser } from "./synthetic-users";

const phone: SyntheticUser = {
  targetingKey: "u1",
  email: "u1@shoppers.example",
  country: "JP",
  platform: "ios",
  plan: "pro",
  region: "elsewhere",
};
const served = (release: string, cohort: string, variant: Assignment["variant"]): Assignment => ({
  release,
  cohort,
  variant,
});

describe("the simulated shop", () => {
  it("reports the demo team's seeded metrics with the kinds the ingest rules expect", () => {
    const seeded = new Map(DEMO_METRICS.acme!.map((m) => [m.key, m.kind]));
    expect(seeded.get(DEMO_METRIC_KEYS.errorRate)).toBe("error_rate");
    expect(seeded.get(DEMO_METRIC_KEYS.latency)).toBe("latency");
    expect(seeded.get(DEMO_METRIC_KEYS.checkouts)).toBe("count");
  });

  it("breaks only the regressed release's treatment in the regressed cohort", () => {
    expect(isRegressed([served(REGRESSION.release, REGRESSION.cohort, "treatment")])).toBe(true);
    expect(isRegressed([served(REGRESSION.release, REGRESSION.cohort, "control")])).toBe(false);
    expect(isRegressed([served(REGRESSION.release, "us", "treatment")])).toBe(false);
    expect(isRegressed([served("fast-image-cdn", REGRESSION.cohort, "treatment")])).toBe(false);
  });

  it("gives the regressed users ~5× the errors and +250 ms at p95, and changes nothing else", () => {
    const control = behaviourOf(phone, [
      served(REGRESSION.release, REGRESSION.cohort, "control"),
      served("fast-image-cdn", "mobile", "treatment"),
    ]);
    const treatment = behaviourOf(phone, [
      served(REGRESSION.release, REGRESSION.cohort, "treatment"),
      served("fast-image-cdn", "mobile", "treatment"),
    ]);
    expect(treatment.errorProbability / control.errorProbability).toBe(REGRESSION.errorFactor);
    expect(treatment.latency.p95 - control.latency.p95).toBe(250);
    expect(treatment.checkoutProbability).toBe(control.checkoutProbability);
    expect(behaviourOf(phone, [served("fast-image-cdn", "mobile", "treatment")])).toEqual(
      behaviourOf(phone, [served("fast-image-cdn", "mobile", "control")]),
    );
    expect(() => logNormalParameters(treatment.latency)).not.toThrow();
  });

  it("makes visits of a few requests with whole-millisecond latencies", () => {
    const random = createRandom(5);
    const behaviour = behaviourOf(phone, []);
    const visits = Array.from({ length: 5_000 }, () => simulateVisit(behaviour, random));
    const requests = visits.reduce((n, v) => n + v.requests, 0);
    expect(requests / visits.length).toBeCloseTo(3, 1);
    expect(visits.every((v) => v.requests >= 1 && v.latencies.length === v.requests && v.errors <= v.requests)).toBe(
      true,
    );
    expect(visits.every((v) => v.latencies.every((ms) => Number.isInteger(ms) && ms >= 0))).toBe(true);
    expect(visits.reduce((n, v) => n + v.errors, 0) / requests).toBeCloseTo(behaviour.errorProbability, 2);
  });
});

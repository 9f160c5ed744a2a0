import { describe, expect, it } from "vitest";
import { REGRESSION, type Assignment } from "./app-model";
import { seriesModels, simulateMinute, type PanelMember } from "./backfill-model";
import { DEMO_METRIC_KEYS, type Observation } from "./observations";
import { createRandom } from "./random";
import type { SyntheticUser } from "./synthetic-users";

const web: SyntheticUser = {
  targetingKey: "w",
  email: "w@shoppers.example",
  country: "US",
  platform: "web",
  plan: "free",
  region: "us",
};
const phone: SyntheticUser = {
  targetingKey: "p",
  email: "p@shoppers.example",
  country: "BR",
  platform: "android",
  plan: "pro",
  region: "elsewhere",
};

function member(user: SyntheticUser, assignments: Assignment[]): PanelMember {
  return { user, served: { all: assignments, live: assignments } };
}

const checkout = REGRESSION.release;
const tour = "onboarding-tour";
// 10 panel users: 6 web in "us" (2 treated), 4 mobile (1 treated) of the regressed release;
// the one treated phone user also happens to be the only one in the other release's treatment.
const panel: PanelMember[] = [
  ...Array.from({ length: 6 }, (_, i) =>
    member(web, [{ release: checkout, cohort: "us", variant: i < 2 ? "treatment" : "control" }]),
  ),
  ...Array.from({ length: 4 }, (_, i) =>
    member(phone, [
      { release: checkout, cohort: REGRESSION.cohort, variant: i < 1 ? "treatment" : "control" },
      { release: tour, cohort: REGRESSION.cohort, variant: i < 1 ? "treatment" : "control" },
    ]),
  ),
];

function sumOf(
  observations: Observation[],
  metric: string,
  cohort: string,
  variant: string,
  field: "count" | "sum" | "value",
) {
  return observations
    .filter((o) => o.release === checkout && o.metric === metric && o.cohort === cohort && o.variant === variant)
    .reduce((n, o) => n + (o[field] ?? (field === "count" ? 1 : 0)), 0);
}

describe("back-filled history", () => {
  const models = seriesModels(panel);

  it("gives each cohort and variant the share of the panel OFREP put there", () => {
    const shares = Object.fromEntries(
      models.map((m) => [`${m.assignment.release}/${m.assignment.cohort}/${m.assignment.variant}`, m.share]),
    );
    expect(shares).toEqual({
      [`${checkout}/us/treatment`]: 0.2,
      [`${checkout}/us/control`]: 0.4,
      [`${checkout}/mobile/treatment`]: 0.1,
      [`${checkout}/mobile/control`]: 0.3,
      [`${tour}/mobile/treatment`]: 0.1,
      [`${tour}/mobile/control`]: 0.3,
    });
  });

  it("models a series as its whole cohort served that variant, so chance overlaps between releases fake nothing", () => {
    const model = (release: string, variant: string) =>
      models.find(
        (m) => m.assignment.release === release && m.assignment.cohort === "mobile" && m.assignment.variant === variant,
      )!;
    expect(model(checkout, "treatment").errorProbability / model(checkout, "control").errorProbability).toBeCloseTo(
      REGRESSION.errorFactor,
    );
    // The tour's lone treated user is also in the checkout's treatment; the tour still shows no difference.
    expect(model(tour, "treatment").errorProbability).toBeCloseTo(model(tour, "control").errorProbability);
    expect(model(tour, "treatment").members).toHaveLength(4);
  });

  it("aggregates a minute like a metrics SDK: counters, orders, and latency samples weighted to the request count", () => {
    const minute = Date.UTC(2026, 0, 1, 12, 0);
    const observations = simulateMinute(models, minute, 1_200, 20, createRandom(2));
    expect(observations.every((o) => o.timestamp! >= minute && o.timestamp! < minute + 60_000)).toBe(true);
    for (const model of models.filter((m) => m.assignment.release === checkout)) {
      const { cohort, variant } = model.assignment;
      const requests = sumOf(observations, DEMO_METRIC_KEYS.errorRate, cohort, variant, "count");
      expect(requests).toBeGreaterThan(1_200 * model.share * 2);
      expect(sumOf(observations, DEMO_METRIC_KEYS.latency, cohort, variant, "count")).toBe(requests);
      expect(
        observations.filter(
          (o) =>
            o.release === checkout &&
            o.metric === DEMO_METRIC_KEYS.latency &&
            o.cohort === cohort &&
            o.variant === variant,
        ),
      ).toHaveLength(20);
    }
  });

  it("carries the regression: over an hour the mobile treatment fails ~5× as often and is slower", () => {
    const random = createRandom(3);
    const hour = Array.from({ length: 60 }, (_, i) => simulateMinute(models, i * 60_000, 1_200, 20, random)).flat();
    const rate = (cohort: string, variant: string) =>
      sumOf(hour, DEMO_METRIC_KEYS.errorRate, cohort, variant, "sum") /
      sumOf(hour, DEMO_METRIC_KEYS.errorRate, cohort, variant, "count");
    expect(rate(REGRESSION.cohort, "treatment") / rate(REGRESSION.cohort, "control")).toBeGreaterThan(3.5);
    expect(rate("us", "treatment") / rate("us", "control")).toBeLessThan(1.6);
    expect(rate("us", "treatment") / rate("us", "control")).toBeGreaterThan(0.6);
    const p95 = (cohort: string, variant: string) => {
      const samples = hour
        .filter(
          (o) =>
            o.release === checkout &&
            o.metric === DEMO_METRIC_KEYS.latency &&
            o.cohort === cohort &&
            o.variant === variant,
        )
        .map((o) => o.value!);
      return samples.sort((a, b) => a - b)[Math.floor(samples.length * 0.95)]!;
    };
    expect(p95(REGRESSION.cohort, "treatment") - p95(REGRESSION.cohort, "control")).toBeGreaterThan(150);
    expect(Math.abs(p95("us", "treatment") - p95("us", "control"))).toBeLessThan(60);
  });
});

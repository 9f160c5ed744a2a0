import { describe, expect, it } from "vitest";
import { compareVariants } from "@/lib/domain/metric-comparison";
import { perExposedUser } from "./per-exposed-user";

const MIN = 60_000;

describe("perExposedUser", () => {
  it("divides each step's count by the users the arm exposed in that step", () => {
    const points = perExposedUser(
      [
        { t: 0, value: 20, samples: 20 },
        { t: MIN, value: 30, samples: 30 },
      ],
      [
        { t: 0, users: 200 },
        { t: MIN, users: 300 },
      ],
    );
    expect(points).toEqual([
      { t: 0, value: 0.1, samples: 200, count: 20 },
      { t: MIN, value: 0.1, samples: 300, count: 30 },
    ]);
  });

  it("leaves steps without exposed users without a value rather than guessing", () => {
    const points = perExposedUser(
      [
        { t: 0, value: 5, samples: 5 },
        { t: MIN, value: 7, samples: 7 },
        { t: 2 * MIN, value: 9, samples: 9 },
      ],
      [
        { t: MIN, users: 0 },
        { t: 2 * MIN, users: null },
      ],
    );
    expect(points.map((p) => p.value)).toEqual([null, null, null]);
    expect(points.map((p) => p.count)).toEqual([5, 7, 9]);
  });

  it("makes a 20% treatment and an 80% control that convert alike compare as equal", () => {
    // Each user checks out 5% of the time in both arms; treatment has a quarter of control's users.
    const steps = Array.from({ length: 12 }, (_, i) => i * 5 * MIN);
    const arm = (users: number) => ({
      counts: steps.map((t) => ({ t, value: users * 0.05, samples: users * 0.05 })),
      exposures: steps.map((t) => ({ t, users })),
    });
    const treatment = arm(200);
    const control = arm(800);
    const metric = { kind: "count" as const, badDirection: "down" as const };

    // Raw, treatment's checkouts are a quarter of control's: a count can't be compared at all.
    expect(compareVariants(metric, treatment.counts, control.counts).harm).toBeNull();

    const perUser = compareVariants(
      { kind: "mean", badDirection: "down" },
      perExposedUser(treatment.counts, treatment.exposures),
      perExposedUser(control.counts, control.exposures),
    );
    expect(perUser.treatment.value).toBeCloseTo(0.05);
    expect(perUser.control.value).toBeCloseTo(0.05);
    expect(perUser.harm).toBeCloseTo(0);
    expect(perUser.regression).toBe(false);
  });

  it("shows a real drop per user as harm even though treatment is the smaller arm", () => {
    const steps = Array.from({ length: 12 }, (_, i) => i * 5 * MIN);
    const perUser = compareVariants(
      { kind: "mean", badDirection: "down" },
      perExposedUser(
        steps.map((t) => ({ t, value: 6, samples: 6 })),
        steps.map((t) => ({ t, users: 200 })),
      ),
      perExposedUser(
        steps.map((t) => ({ t, value: 40, samples: 40 })),
        steps.map((t) => ({ t, users: 800 })),
      ),
    );
    // 3% of users check out in treatment, 5% in control: 40% worse.
    expect(perUser.harm).toBeCloseTo(0.4);
    expect(perUser.regression).toBe(true);
  });
});

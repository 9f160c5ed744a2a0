import type { Variant } from "../../lib/metrics/metric-types";
import type { LogNormal, Random } from "./random";
import type { SyntheticUser } from "./synthetic-users";

/** What OFREP answered for one release: the cohort the user fell in and the variant served. */
export type Assignment = { release: string; cohort: string; variant: Variant };

/**
 * The one real regression in the demo: the new checkout breaks for the mobile cohort's
 * treatment. Everywhere else the release changes nothing, so treatment and control agree.
 */
export const REGRESSION = {
  release: "new-checkout",
  cohort: "mobile",
  errorFactor: 5,
  extraMedianMs: 70,
  extraP95Ms: 250,
} as const;

/** How a user's requests behave, given what they were served. */
export type Behaviour = {
  /** Chance that one request fails. */
  errorProbability: number;
  /** One request's latency in milliseconds. */
  latency: LogNormal;
  /** Chance that a visit ends in an order (if the order request itself succeeds). */
  checkoutProbability: number;
};

const WEB: Behaviour = { errorProbability: 0.004, latency: { median: 110, p95: 320 }, checkoutProbability: 0.035 };
const MOBILE: Behaviour = { errorProbability: 0.008, latency: { median: 170, p95: 450 }, checkoutProbability: 0.025 };
// Shoppers far from the EU and US regions wait a little longer on every request.
const FAR_AWAY_LATENCY = 1.15;
const PLAN_CHECKOUTS = { free: 0.6, pro: 1.1, business: 1.4 } as const;

/** Requests in a visit: one page load plus a few calls. */
export const MEAN_REQUESTS_PER_VISIT = 3;

export function isRegressed(assignments: readonly Assignment[]): boolean {
  return assignments.some(
    (a) => a.release === REGRESSION.release && a.cohort === REGRESSION.cohort && a.variant === "treatment",
  );
}

export function behaviourOf(user: SyntheticUser, assignments: readonly Assignment[]): Behaviour {
  const base = user.platform === "web" ? WEB : MOBILE;
  const stretch = user.region === "elsewhere" ? FAR_AWAY_LATENCY : 1;
  let latency = { median: base.latency.median * stretch, p95: base.latency.p95 * stretch };
  let errorProbability = base.errorProbability;
  if (isRegressed(assignments)) {
    errorProbability *= REGRESSION.errorFactor;
    latency = { median: latency.median + REGRESSION.extraMedianMs, p95: latency.p95 + REGRESSION.extraP95Ms };
  }
  return { errorProbability, latency, checkoutProbability: base.checkoutProbability * PLAN_CHECKOUTS[user.plan] };
}

export type VisitOutcome = { requests: number; errors: number; latencies: number[]; checkouts: number };

export function simulateVisit(behaviour: Behaviour, random: Random): VisitOutcome {
  const requests = 1 + random.poisson(MEAN_REQUESTS_PER_VISIT - 1);
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests; i++) {
    if (random.chance(behaviour.errorProbability)) errors++;
    latencies.push(Math.round(random.logNormal(behaviour.latency)));
  }
  const checkouts = random.chance(behaviour.checkoutProbability) && !random.chance(behaviour.errorProbability) ? 1 : 0;
  return { requests, errors, latencies, checkouts };
}

import { behaviourOf, MEAN_REQUESTS_PER_VISIT, type Assignment, type Behaviour } from "./app-model";
import type { Served } from "./assignments";
import { DEMO_METRIC_KEYS, type Observation } from "./observations";
import type { Random } from "./random";
import type { SyntheticUser } from "./synthetic-users";

/** A sampled user and what OFREP served them. */
export type PanelMember = { user: SyntheticUser; served: Served };

/** One (release, cohort, variant) series and the share of all visits that land in it. */
export type SeriesModel = {
  assignment: Assignment;
  share: number;
  members: Behaviour[];
  errorProbability: number;
  checkoutProbability: number;
};

/**
 * Turns a panel of evaluated users into per-series mixtures. Each series gets the share of
 * visits that OFREP's answers put there today, so the history follows the current split.
 * Its behaviour is that of everyone in the cohort as if served that variant of the release
 * (their other releases as served): buckets of different releases are independent, so this
 * is what the series looks like in expectation, without the few hundred panel users' chance
 * overlaps between releases showing up as a fake regression for hours of history.
 */
export function seriesModels(panel: readonly PanelMember[]): SeriesModel[] {
  const sizes = new Map<string, { assignment: Assignment; size: number }>();
  const cohortMembers = new Map<string, PanelMember[]>();
  for (const member of panel) {
    for (const assignment of member.served.live) {
      const id = `${assignment.release}\u0000${assignment.cohort}\u0000${assignment.variant}`;
      const group = sizes.get(id) ?? { assignment, size: 0 };
      group.size++;
      sizes.set(id, group);
      const cohortId = `${assignment.release}\u0000${assignment.cohort}`;
      const members = cohortMembers.get(cohortId);
      if (members) members.push(member);
      else cohortMembers.set(cohortId, [member]);
    }
  }
  return [...sizes.values()].map(({ assignment, size }) => {
    const members = cohortMembers.get(`${assignment.release}\u0000${assignment.cohort}`)!.map(({ user, served }) =>
      behaviourOf(
        user,
        served.all.map((a) => (a.release === assignment.release ? { ...a, variant: assignment.variant } : a)),
      ),
    );
    return {
      assignment,
      share: size / panel.length,
      members,
      errorProbability: mean(members, (b) => b.errorProbability),
      // An order needs its own request to succeed, as in a live visit.
      checkoutProbability: mean(members, (b) => b.checkoutProbability * (1 - b.errorProbability)),
    };
  });
}

function mean<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0) / items.length;
}

/**
 * One back-dated minute of every series, aggregated like a metrics SDK would flush it:
 * requests and errors as count + sum, orders as a count, and latency as at most
 * `latencySamples` samples whose counts add up to the minute's requests.
 */
export function simulateMinute(
  models: readonly SeriesModel[],
  minuteStart: number,
  visitsPerMinute: number,
  latencySamples: number,
  random: Random,
): Observation[] {
  const timestamp = minuteStart + 30_000;
  const observations: Observation[] = [];
  for (const model of models) {
    const visits = random.poisson(visitsPerMinute * model.share);
    if (visits === 0) continue;
    const requests = visits + random.poisson(visits * (MEAN_REQUESTS_PER_VISIT - 1));
    const errors = random.binomial(requests, model.errorProbability);
    observations.push({
      metric: DEMO_METRIC_KEYS.errorRate,
      ...model.assignment,
      count: requests,
      sum: errors,
      timestamp,
    });
    const checkouts = random.binomial(visits, model.checkoutProbability);
    if (checkouts > 0)
      observations.push({ metric: DEMO_METRIC_KEYS.checkouts, ...model.assignment, value: checkouts, timestamp });
    const samples = Math.min(latencySamples, requests);
    const perSample = Math.floor(requests / samples);
    const remainder = requests % samples;
    for (let i = 0; i < samples; i++) {
      const value = Math.round(random.logNormal(random.pick(model.members).latency));
      const count = perSample + (i < remainder ? 1 : 0);
      observations.push({
        metric: DEMO_METRIC_KEYS.latency,
        ...model.assignment,
        value,
        ...(count > 1 ? { count } : {}),
        timestamp,
      });
    }
  }
  return observations;
}

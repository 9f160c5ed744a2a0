// The shared benchmark workload: 20 cohorts with two conditions each and contexts that hit
// early cohorts, late ones and none. No I/O, so in-process and HTTP benchmarks can share it.
import type { Condition } from "../../lib/domain/cohort-rules";

export const COUNTRIES = [
  "DE",
  "FR",
  "ES",
  "IT",
  "NL",
  "PL",
  "SE",
  "US",
  "CA",
  "BR",
  "MX",
  "JP",
  "KR",
  "IN",
  "AU",
  "NZ",
  "ZA",
  "NG",
  "EG",
  "TR",
];
export const PLANS = ["free", "pro", "team", "enterprise"];
export const PLATFORMS = ["ios", "android", "web", "desktop"];

export function cohortConditions(i: number): Condition[] {
  const country: Condition = { attribute: "country", operator: "in", values: [COUNTRIES[i]!] };
  const second: Condition[] = [
    { attribute: "plan", operator: "in", values: [PLANS[i % PLANS.length]!] },
    { attribute: "platform", operator: "in", values: [PLATFORMS[i % PLATFORMS.length]!] },
    { attribute: "appVersion", operator: "semverGte", values: [`2.${i % 5}.0`] },
    { attribute: "age", operator: "gt", values: [String(18 + (i % 30))] },
    { attribute: "email", operator: "endsWith", values: [`@tenant${i}.test`] },
  ];
  return [country, second[i % second.length]!];
}

/** Percentages per cohort (basis points) and for everyone else: a 25% split is always hot. */
export const COHORT_BASIS_POINTS = (i: number) => [0, 500, 2500, 5000, 10_000][i % 5]!;
export const DEFAULT_BASIS_POINTS = 2500;

/** Deterministic contexts: some match early cohorts, some late ones, some none. */
export function benchContexts(count: number): string[] {
  let seed = 42;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      context: {
        targetingKey: `user-${i}-${Math.floor(next() * 1e9)}`,
        country: next() < 0.1 ? "XX" : pick(COUNTRIES),
        plan: pick(PLANS),
        platform: pick(PLATFORMS),
        appVersion: `${1 + Math.floor(next() * 3)}.${Math.floor(next() * 6)}.${Math.floor(next() * 10)}`,
        age: 16 + Math.floor(next() * 50),
        email: `u${i}@tenant${Math.floor(next() * 25)}.test`,
      },
    }),
  );
}

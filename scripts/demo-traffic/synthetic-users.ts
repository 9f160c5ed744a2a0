import { DEMO_TEAMS } from "../../lib/seed/demo-data";
import type { Random } from "./random";

export type Platform = "web" | "ios" | "android";

/** A simulated shopper: what the application knows and sends as the OFREP context. */
export type SyntheticUser = {
  targetingKey: string;
  email: string;
  country: string;
  platform: Platform;
  plan: "free" | "pro" | "business";
  /** Where they shop from, relative to the servers (not sent: the app derives it from the country). */
  region: "us" | "eu" | "elsewhere";
};

export function evaluationContext(user: SyntheticUser): { targetingKey: string } & Record<string, string> {
  return {
    targetingKey: user.targetingKey,
    email: user.email,
    country: user.country,
    platform: user.platform,
    plan: user.plan,
  };
}

// Read from the demo team's cohorts, so the users fall into them however the seed evolves.
const acmeCohorts = DEMO_TEAMS.find((team) => team.slug === "acme")?.cohorts ?? [];
function seedValues(cohortKey: string, fallback: string[]): string[] {
  const definition = acmeCohorts.find((cohort) => cohort.key === cohortKey)?.definition;
  if (!definition) return fallback;
  if (definition.kind === "keys") return [...definition.targetingKeys];
  return [...(definition.conditions[0]?.values ?? fallback)];
}

export const BETA_KEYS = seedValues("beta-testers", []);
export const EU_COUNTRIES = seedValues("eu", ["DE", "FR", "ES", "IT", "NL"]);
const STAFF_DOMAIN = seedValues("internal-staff", ["@acme.test"])[0] ?? "@acme.test";
const ELSEWHERE = ["GB", "CA", "BR", "MX", "JP", "IN", "AU", "CH", "NO", "KR"];

// Shares of the simulated audience (the rest of each split is the last option).
const STAFF_SHARE = 0.01;
const US_SHARE = 0.35;
const EU_SHARE = 0.35;
const MOBILE_SHARE = 0.45;
const FREE_SHARE = 0.6;
const PRO_SHARE = 0.3;

/**
 * A stable pool of shoppers: the same seed gives the same people, so a restart keeps every
 * user's bucket. The first users are the seeded beta accounts, so that cohort has traffic.
 */
export function syntheticUsers(count: number, random: Random): SyntheticUser[] {
  const users: SyntheticUser[] = [];
  for (let i = 0; i < count; i++) {
    const beta = BETA_KEYS[i];
    const targetingKey = beta ?? `shopper-${String(i + 1).padStart(5, "0")}`;
    const staff = !beta && random.chance(STAFF_SHARE);
    const where = random.next();
    const region = where < US_SHARE ? "us" : where < US_SHARE + EU_SHARE ? "eu" : "elsewhere";
    const country = region === "us" ? "US" : region === "eu" ? random.pick(EU_COUNTRIES) : random.pick(ELSEWHERE);
    const device = random.next();
    const platform: Platform = device < MOBILE_SHARE ? (random.chance(0.55) ? "ios" : "android") : "web";
    const tier = random.next();
    const plan = staff ? "business" : tier < FREE_SHARE ? "free" : tier < FREE_SHARE + PRO_SHARE ? "pro" : "business";
    const email = staff ? `staff${i + 1}${STAFF_DOMAIN}` : `${targetingKey}@shoppers.example`;
    users.push({ targetingKey, email, country, platform, plan, region });
  }
  return users;
}

// A team shaped like a busy production setup: 20 cohorts with two conditions each and a
// release at a 25% split, on a fresh SQLite database built from the migrations.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSdkKey } from "../../lib/api-keys/create-api-key";
import type { Actor } from "../../lib/auth/actor";
import { createCohort } from "../../lib/cohorts/create-cohort";
import { getDb } from "../../lib/db/client";
import { applyPendingMigrations } from "../../lib/db/migrate";
import type { Condition } from "../../lib/domain/cohort-rules";
import { changeReleaseStatus } from "../../lib/releases/change-release-status";
import { createRelease } from "../../lib/releases/create-release";
import { setRollout } from "../../lib/releases/set-rollout";

export const COUNTRIES = ["DE", "FR", "ES", "IT", "NL", "PL", "SE", "US", "CA", "BR", "MX", "JP", "KR", "IN", "AU", "NZ", "ZA", "NG", "EG", "TR"];
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

export type BenchFixture = { url: string; sdkKey: string; dir: string };

export async function createBenchFixture(): Promise<BenchFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  process.env.DATABASE_URL = url;
  await applyPendingMigrations(url);
  const db = getDb();
  const user = await db.user.create({ data: { email: "bench@glidepath.test", name: "Bench Admin" } });
  const team = await db.team.create({
    data: {
      slug: "bench",
      name: "Bench",
      environments: { create: [{ key: "production", name: "Production", position: 1 }] },
      memberships: { create: [{ userId: user.id, role: "admin" }] },
    },
  });
  const actor: Actor = { type: "user", id: user.id, name: user.name };
  const teamSlug = team.slug;
  const cohorts: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    await createCohort(actor, { teamSlug, key: `cohort-${i}`, name: `Cohort ${i}`, definition: { kind: "rules", conditions: cohortConditions(i) } });
    cohorts[`cohort-${i}`] = [0, 500, 2500, 5000, 10_000][i % 5]!;
  }
  await createRelease(actor, { teamSlug, key: "new-checkout", name: "New checkout" });
  await setRollout(actor, { teamSlug, releaseKey: "new-checkout", environmentKey: "production", expectedVersion: 1, defaultBasisPoints: 2500, cohorts });
  await changeReleaseStatus(actor, { teamSlug, releaseKey: "new-checkout", environmentKey: "production", command: "start", expectedVersion: 2 });
  const { key } = await createSdkKey(actor, { teamSlug, environmentKey: "production", name: "bench" });
  await db.$disconnect();
  return { url, sdkKey: key, dir };
}

/** Deterministic contexts: some match early cohorts, some late ones, some none. */
export function benchContexts(count: number): string[] {
  let seed = 42;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
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

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
import { benchContexts, COHORT_BASIS_POINTS, cohortConditions, DEFAULT_BASIS_POINTS } from "./bench-workload";
import { changeReleaseStatus } from "../../lib/releases/change-release-status";
import { createRelease } from "../../lib/releases/create-release";
import { setRollout } from "../../lib/releases/set-rollout";

export type BenchFixture = { url: string; sdkKey: string; dir: string; teamId: string };

/** On a fresh SQLite file in a temporary dir, or on `url` (an empty PostgreSQL database). */
export async function createBenchFixture(databaseUrl?: string): Promise<BenchFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-bench-"));
  const url = databaseUrl ?? `file:${path.join(dir, "bench.db")}`;
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
    await createCohort(actor, {
      teamSlug,
      key: `cohort-${i}`,
      name: `Cohort ${i}`,
      definition: { kind: "rules", conditions: cohortConditions(i) },
    });
    cohorts[`cohort-${i}`] = COHORT_BASIS_POINTS(i);
  }
  await createRelease(actor, { teamSlug, key: "new-checkout", name: "New checkout" });
  await setRollout(actor, {
    teamSlug,
    releaseKey: "new-checkout",
    environmentKey: "production",
    expectedVersion: 1,
    defaultBasisPoints: DEFAULT_BASIS_POINTS,
    cohorts,
  });
  await changeReleaseStatus(actor, {
    teamSlug,
    releaseKey: "new-checkout",
    environmentKey: "production",
    command: "start",
    expectedVersion: 2,
  });
  const { key } = await createSdkKey(actor, { teamSlug, environmentKey: "production", name: "bench" });
  await db.$disconnect();
  return { url, sdkKey: key, dir, teamId: team.id };
}

export { benchContexts };

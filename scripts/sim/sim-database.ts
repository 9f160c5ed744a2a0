// A fresh SQLite database for one scenario, built through the real use cases: a team with 20
// cohorts, the three guardrail metrics, and one release with a started plan per run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { getDb, type Db } from "@/lib/db/client";
import { applyPendingMigrations } from "@/lib/db/migrate";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { createPlan } from "@/lib/plans/create-plan";
import type { PlanDefinitionInput } from "@/lib/plans/plan-schemas";
import { startPlan } from "@/lib/plans/start-plan";
import { createRelease } from "@/lib/releases/create-release";
import { cohortKey, cohortName, releaseKey } from "./names";
import { COHORT_COUNT, METRIC_KEYS } from "./traffic";

export const ENVIRONMENT_KEY = "production";

export type SimDatabase = {
  db: Db;
  dir: string;
  teamId: string;
  environmentId: string;
  /** Release key → run index. */
  runOf: Map<string, number>;
  cohortKeys: string[];
  drop: () => Promise<void>;
};

/** Points the app at a new SQLite file (before its first getDb()), migrates it and fills it. */
export async function createSimDatabase(runs: number, plan: PlanDefinitionInput): Promise<SimDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-sim-"));
  const url = `file:${path.join(dir, "sim.db")}`;
  process.env.DATABASE_URL = url;
  await applyPendingMigrations(url);
  const db = getDb();
  const user = await db.user.create({ data: { email: "sim@glidepath.test", name: "Simulation" } });
  const team = await db.team.create({
    data: {
      slug: "sim",
      name: "Simulation",
      environments: { create: [{ key: ENVIRONMENT_KEY, name: "Production", position: 1 }] },
      memberships: { create: [{ userId: user.id, role: "admin" }] },
    },
    include: { environments: true },
  });
  const actor: Actor = { type: "user", id: user.id, name: user.name };
  const teamSlug = team.slug;

  const cohortKeys: string[] = [];
  for (let i = 0; i < COHORT_COUNT; i++) {
    const key = cohortKey(i);
    // Who is in a cohort doesn't matter here: the traffic is synthetic, 5% of users each.
    await createCohort(actor, {
      teamSlug,
      key,
      name: cohortName(i),
      definition: { kind: "keys", targetingKeys: [`sim-user-${i}`] },
    });
    cohortKeys.push(key);
  }
  const metrics = [
    { key: METRIC_KEYS.errorRate, name: "Error rate", kind: "error_rate", badDirection: "up", unit: "" },
    { key: METRIC_KEYS.latency, name: "Latency", kind: "latency", badDirection: "up", unit: "ms" },
    { key: METRIC_KEYS.checkouts, name: "Checkouts", kind: "count", badDirection: "down", unit: "" },
  ];
  for (const metric of metrics) await createMetricDefinition(actor, { teamSlug, source: "builtin", ...metric });

  const runOf = new Map<string, number>();
  for (let run = 0; run < runs; run++) {
    const key = releaseKey(run);
    await createRelease(actor, { teamSlug, key, name: `Run ${run + 1}` });
    const target = { teamSlug, releaseKey: key, environmentKey: ENVIRONMENT_KEY };
    const created = await createPlan(actor, { ...target, definition: plan });
    await startPlan(actor, { ...target, planId: created.id, expectedVersion: created.version });
    runOf.set(key, run);
  }
  return {
    db,
    dir,
    teamId: team.id,
    environmentId: team.environments[0]!.id,
    runOf,
    cohortKeys,
    drop: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

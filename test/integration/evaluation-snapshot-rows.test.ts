import { beforeAll, expect, it } from "vitest";
import { createAdminKey } from "@/lib/api-keys/create-admin-key";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getDb } from "@/lib/db/client";
import type { EnvironmentRows } from "@/lib/evaluation/environment-rows";
import { loadEnvironmentRows } from "@/lib/evaluation/environment-snapshot";
import { SnapshotWorkerClient } from "@/lib/evaluation/snapshot-worker-client";
import { seedDemo } from "@/lib/seed/seed-demo";
import { createTeamFixture } from "../support/fixtures";
import { describeEachProvider } from "../support/test-database";

// Sorted the same way whatever the database's collation: order of cohorts is priority order
// (kept), everything else is a set.
function normalised(rows: EnvironmentRows): EnvironmentRows {
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    ...rows,
    releases: [...rows.releases]
      .sort((a, b) => byText(a.key, b.key))
      .map((r) => ({ ...r, cohorts: [...r.cohorts].sort((a, b) => byText(a.cohortId, b.cohortId)) })),
    sdkKeyHashes: [...rows.sdkKeyHashes].sort(byText),
  };
}

// The evaluation store reads with plain SQL in its worker; the release page's "who gets it?"
// reads the same rows through Prisma. Both must see the same config.
describeEachProvider("snapshot rows: the worker's SQL and Prisma agree", (database) => {
  beforeAll(async () => {
    await seedDemo({ db: getDb() });
    const fx = await createTeamFixture();
    const live = await createSdkKey(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      name: "live",
    });
    await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "staging", name: "staging" });
    const revoked = await createSdkKey(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      name: "old",
    });
    await revokeApiKey(fx.actors.admin, { teamSlug: fx.team.slug, keyId: revoked.id });
    await createAdminKey(fx.actors.admin, { teamSlug: fx.team.slug, name: "ci", role: "editor" });
    expect(live.key).toBeTruthy();
  });

  it("for every environment: cohorts in priority order, rollouts with their cohort percentages, live SDK keys only", async () => {
    const worker = new SnapshotWorkerClient(database.url);
    try {
      const { versions, environments } = await worker.poll(new Map());
      const ids = (await getDb().environment.findMany({ select: { id: true } })).map((e) => e.id).sort();
      expect(versions.map((v) => v.id).sort()).toEqual(ids);
      expect(environments.map((e) => e.environment.id).sort()).toEqual(ids);
      const withRollouts = environments.filter((e) => e.releases.some((r) => r.cohorts.length > 0));
      expect(withRollouts.length).toBeGreaterThan(0);
      for (const rows of environments) {
        const viaPrisma = await loadEnvironmentRows(getDb(), rows.environment.id);
        expect(viaPrisma).not.toBeNull();
        expect(normalised(rows)).toEqual(normalised(viaPrisma!));
      }
      const production = environments.filter((e) => e.sdkKeyHashes.length === 1);
      expect(production.length).toBeGreaterThan(0);

      // Known versions are not read again.
      const again = await worker.poll(new Map(versions.map((v) => [v.id, v.configVersion])));
      expect(again.environments).toEqual([]);
    } finally {
      await worker.close();
    }
  });
});

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { hashApiKey } from "@/lib/api-keys/api-key-secret";
import { getDb } from "@/lib/db/client";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { handleOfrep } from "@/lib/evaluation/ofrep-handler";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { createTeamFixture } from "../support/fixtures";
import {
  freshPostgres,
  migrateInChildProcess,
  POSTGRES_ADMIN_URL,
  pointAppAt,
  postgresUnavailableReason,
  resetAppDb,
  type FreshDatabase,
} from "../support/test-database";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const skip = (await postgresUnavailableReason()) !== null && !process.env.CI;

// A real outage: the database stops accepting connections while the store is serving.
describe.skipIf(skip)("evaluation keeps answering from the last snapshot when the database is down [postgres]", () => {
  let database: FreshDatabase;
  let name: string;
  beforeAll(async () => {
    database = await freshPostgres();
    name = new URL(database.url).pathname.slice(1);
    await migrateInChildProcess(database.url);
    await pointAppAt(database.url);
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
    await resetAppDb();
    await database.drop();
  });

  it("serves the last snapshot marked snapshotStale, then recovers", async () => {
    const fx = await createTeamFixture();
    await createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "outage-proof", name: "Outage proof" });
    await changeReleaseStatus(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "outage-proof",
      environmentKey: "production",
      command: "promote",
      expectedVersion: 1,
    });
    const { key } = await createSdkKey(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      name: "outage",
    });
    // Its own connection (in its worker), so the outage cuts every connection the store holds.
    const store = EvaluationStore.forDatabase(database.url, { pollIntervalMs: 100 });
    await store.start();
    const ask = async () => {
      const response = await handleOfrep(store, null, {
        flagKey: "outage-proof",
        authorization: `Bearer ${key}`,
        apiKey: null,
        ifNoneMatch: null,
        body: JSON.stringify({ context: { targetingKey: "u1" } }),
      });
      return {
        status: response.status,
        body: JSON.parse(response.body ?? "null") as { value: boolean; metadata: Record<string, unknown> },
      };
    };
    expect((await ask()).body.metadata.snapshotStale).toBeUndefined();
    expect(store.environmentForKey(hashApiKey(key))).not.toBeNull();

    await admin(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    await admin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    await expect.poll(() => store.stale, { timeout: 15_000 }).toBe(true);
    const during = await ask();
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ value: true, metadata: { snapshotStale: true, status: "promoted" } });

    await admin(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    await expect.poll(() => store.stale, { timeout: 15_000 }).toBe(false);
    expect((await ask()).body.metadata.snapshotStale).toBeUndefined();
    await store.stop();
    await getDb().$disconnect();
  }, 60_000);
});

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import type { DatabaseProvider } from "@/lib/db/database-url";

// Tests build every database from prisma/migrations/<provider> only (never from the schema),
// so a missing or wrong migration fails here rather than in production.

export const PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgres"];

export const POSTGRES_ADMIN_URL =
  process.env.GLIDEPATH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type FreshDatabase = { provider: DatabaseProvider; url: string; drop: () => Promise<void> };

const globalForDb = globalThis as unknown as {
  glidepathDb?: { $disconnect(): Promise<void> };
  glidepathDbUrl?: string;
};

function suffix() {
  return randomBytes(6).toString("hex");
}

export async function freshSqlite(): Promise<FreshDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  return {
    provider: "sqlite",
    url,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function freshPostgres(): Promise<FreshDatabase> {
  const name = `glidepath_test_${suffix()}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    provider: "postgres",
    url: url.toString(),
    drop: () =>
      withAdmin(async (c) => {
        // The app's pool and the migration engine's pool may still hold connections.
        await c.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [name],
        );
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      }),
  };
}

const MIGRATE_SCRIPT = fileURLToPath(new URL("./migrate-in-child.ts", import.meta.url));

/**
 * applyPendingMigrations(url) in a child process, as `npm run db:migrate` runs it: in-process
 * the engine's connection outlives the call and keeps a SQLite file exclusively locked.
 */
export async function migrateInChildProcess(url: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", MIGRATE_SCRIPT, url], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: url },
  });
  return JSON.parse(stdout) as string[];
}

export function freshDatabase(provider: DatabaseProvider): Promise<FreshDatabase> {
  return provider === "sqlite" ? freshSqlite() : freshPostgres();
}

/** Disconnects the process-wide client so the next getDb() opens one for DATABASE_URL. */
export async function resetAppDb(): Promise<void> {
  const old = globalForDb.glidepathDb;
  delete globalForDb.glidepathDb;
  delete globalForDb.glidepathDbUrl;
  await old?.$disconnect();
}

export async function pointAppAt(url: string): Promise<void> {
  await resetAppDb();
  process.env.DATABASE_URL = url;
}

/** Why PostgreSQL tests can't run here, or null when the server answers. */
export async function postgresUnavailableReason(): Promise<string | null> {
  try {
    await withAdmin((c) => c.query("SELECT 1"));
    return null;
  } catch (error) {
    return `PostgreSQL at ${new URL(POSTGRES_ADMIN_URL).host} is unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
}

const postgresSkipReason = await postgresUnavailableReason();
// In CI the server is part of the job: an unreachable one must fail the run, not skip it.
const skipPostgres = postgresSkipReason !== null && !process.env.CI;
if (skipPostgres) console.warn(`Skipping PostgreSQL integration tests: ${postgresSkipReason}`);

export type SuiteDatabase = { readonly provider: DatabaseProvider; readonly url: string };

/**
 * Runs the same suite body once per provider, each against its own freshly migrated
 * database that the app's getDb() points at for the duration of the suite.
 */
export function describeEachProvider(name: string, body: (db: SuiteDatabase) => void): void {
  for (const provider of PROVIDERS) {
    describe.skipIf(provider === "postgres" && skipPostgres)(`${name} [${provider}]`, () => {
      let database: FreshDatabase | undefined;
      const handle = {
        provider,
        get url() {
          if (!database) throw new Error("The suite database is created in beforeAll");
          return database.url;
        },
      };
      beforeAll(async () => {
        database = await freshDatabase(provider);
        await migrateInChildProcess(database.url);
        await pointAppAt(database.url);
      });
      afterAll(async () => {
        await resetAppDb();
        await database?.drop();
      });
      body(handle);
    });
  }
}

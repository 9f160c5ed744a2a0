import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { createDb, getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { applyPendingMigrations } from "@/lib/db/migrate";
import { readMigrationList } from "@/lib/db/migration-list";
import { openSchemaEngine } from "@/lib/db/schema-engine";
import { schemaFor } from "@/lib/db/schema-files";
import {
  describeEachProvider,
  freshDatabase,
  migrateInChildProcess,
  POSTGRES_ADMIN_URL,
} from "../support/test-database";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Table -> column names, as the generated client expects them. */
function expectedColumns(): Record<string, string[]> {
  const namespace = Prisma as unknown as Record<string, Record<string, string>>;
  return Object.fromEntries(
    Object.values(Prisma.ModelName).map((model) => [
      model,
      Object.values(namespace[`${model}ScalarFieldEnum`] ?? {}).sort(),
    ]),
  );
}

async function actualColumns(provider: "sqlite" | "postgres"): Promise<Record<string, string[]>> {
  const db = getDb();
  const rows =
    provider === "sqlite"
      ? await db.$queryRawUnsafe<{ table: string; column: string }[]>(
          `SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m JOIN pragma_table_info(m.name) p
           WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'`,
        )
      : await db.$queryRawUnsafe<{ table: string; column: string }[]>(
          `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
        );
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.table] ??= []).push(row.column);
  return Object.fromEntries(Object.entries(out).map(([table, columns]) => [table, columns.sort()]));
}

describeEachProvider("migrations", (suite) => {
  const folder = () => readMigrationList(suite.provider).migrationDirectories.map((d) => d.path);

  it("the folder has migrations and a lockfile for this provider", () => {
    expect(folder().length).toBeGreaterThan(0);
    const lock = readMigrationList(suite.provider).lockfile.content;
    expect(lock).toContain(suite.provider === "postgres" ? '"postgresql"' : '"sqlite"');
  });

  it("applies every migration once; applying again is a no-op", async () => {
    const db = await freshDatabase(suite.provider);
    try {
      expect(await migrateInChildProcess(db.url)).toEqual(folder());
      expect(await migrateInChildProcess(db.url)).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it("records each migration as finished in _prisma_migrations", async () => {
    const rows = await getDb().$queryRawUnsafe<{ migration_name: string; finished: unknown }[]>(
      `SELECT migration_name, finished_at AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(folder());
    expect(rows.every((r) => r.finished !== null)).toBe(true);
  });

  it("builds exactly the tables and columns the generated client expects", async () => {
    expect(await actualColumns(suite.provider)).toEqual(expectedColumns());
  });

  if (suite.provider === "sqlite") {
    it("the migrated database has no drift from prisma/schema.prisma", async () => {
      const db = await freshDatabase("sqlite");
      await migrateInChildProcess(db.url);
      const schema = schemaFor("sqlite");
      const { engine, close } = await openSchemaEngine(db.url, schema);
      try {
        const result = await engine.diff({
          from: { tag: "schemaDatasource", files: [schema], configDir: process.cwd() },
          to: { tag: "schemaDatamodel", files: [schema] },
          script: true,
          exitCode: null,
          filters: NO_FILTERS,
        });
        expect((result.stdout ?? "").replace(/--.*$/gm, "").trim()).toBe("");
      } finally {
        await close();
        await db.drop();
      }
    });
  } else {
    it("the schema snapshot beside the last migration matches the current schema", async () => {
      const list = readMigrationList("postgres");
      const snapshot = path.join(list.baseDir, folder().at(-1)!, "schema.prisma");
      expect(fs.existsSync(snapshot)).toBe(true);
      const schema = schemaFor("postgres");
      // The engine wants a reachable server to start; the diff itself reads no database.
      const { engine, close } = await openSchemaEngine(POSTGRES_ADMIN_URL, schema);
      try {
        const result = await engine.diff({
          from: { tag: "schemaDatamodel", files: [{ path: snapshot, content: fs.readFileSync(snapshot, "utf8") }] },
          to: { tag: "schemaDatamodel", files: [schema] },
          script: true,
          exitCode: null,
          filters: NO_FILTERS,
        });
        expect((result.stdout ?? "").replace(/--.*$/gm, "").trim()).toBe("");
      } finally {
        await close();
      }
    });
  }

  // The engine's connection is disposed on close: on SQLite it holds locking_mode=EXCLUSIVE, on
  // PostgreSQL the migration advisory lock, so a leak shows up here as a timeout.
  it("in one process, a second applyPendingMigrations is a no-op and the app can write right after", async () => {
    const db = await freshDatabase(suite.provider);
    try {
      expect(await applyPendingMigrations(db.url)).toEqual(folder());
      expect(await applyPendingMigrations(db.url)).toEqual([]);
      const client = createDb(db.url);
      try {
        const team = await client.team.create({ data: { slug: "after-migrate", name: "After migrate" } });
        expect(team.slug).toBe("after-migrate");
      } finally {
        await client.$disconnect();
      }
    } finally {
      await db.drop();
    }
  }, 20_000);
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseProvider } from "./database-url";
import { LOCKFILE, lockfileContent, readMigrationList } from "./migration-list";
import { openSchemaEngine } from "./schema-engine";
import { migrationsDir, schemaFor } from "./schema-files";

const NO_FILTERS = { externalTables: [], externalEnums: [] };
const SNAPSHOT = "schema.prisma";

// Prisma's own flow replays the folder into a shadow database and diffs that against the
// schema. On SQLite the engine's shadow path sends whole scripts through a single-statement
// API, so the folder is replayed into a scratch file instead and introspected. On PostgreSQL
// introspection fails inside the pg adapter, so the migration is the diff between the schema
// as of the last migration (kept beside it) and the current one.
async function diffSql(provider: DatabaseProvider): Promise<string> {
  return provider === "sqlite" ? diffSqliteFromReplayedFolder() : diffPostgresFromSnapshot();
}

async function diffSqliteFromReplayedFolder(): Promise<string> {
  const schema = schemaFor("sqlite");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-migration-"));
  const { engine, close } = await openSchemaEngine(`file:${path.join(scratch, "replay.db")}`, schema);
  try {
    await engine.applyMigrations({ migrationsList: readMigrationList("sqlite"), filters: NO_FILTERS });
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  } finally {
    await close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function diffPostgresFromSnapshot(): Promise<string> {
  const schema = schemaFor("postgres");
  // The engine wants a reachable server to start; nothing is read from it.
  const url = process.env.MIGRATION_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const { engine, close } = await openSchemaEngine(url, schema);
  try {
    const list = readMigrationList("postgres");
    const last = list.migrationDirectories.at(-1);
    const snapshot = last && path.join(list.baseDir, last.path, SNAPSHOT);
    const result = await engine.diff({
      from:
        snapshot && fs.existsSync(snapshot)
          ? { tag: "schemaDatamodel", files: [{ path: snapshot, content: fs.readFileSync(snapshot, "utf8") }] }
          : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}

function isEmptyMigration(sql: string) {
  return sql.replace(/--.*$/gm, "").trim() === "";
}

export type CreatedMigration = { provider: DatabaseProvider; dir: string } | { provider: DatabaseProvider; dir: null };

/** Writes `<timestamp>_<name>/migration.sql` for each provider whose schema changed. */
export async function createMigration(name: string, now = new Date()): Promise<CreatedMigration[]> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("Migration name: use lowercase letters, digits and _");
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const created: CreatedMigration[] = [];
  for (const provider of ["sqlite", "postgres"] as const) {
    const sql = await diffSql(provider);
    if (isEmptyMigration(sql)) {
      created.push({ provider, dir: null });
      continue;
    }
    const base = migrationsDir(provider);
    const dir = path.join(base, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    if (provider === "postgres") fs.writeFileSync(path.join(dir, SNAPSHOT), schemaFor(provider).content);
    fs.writeFileSync(path.join(base, LOCKFILE), lockfileContent(provider));
    created.push({ provider, dir });
  }
  return created;
}

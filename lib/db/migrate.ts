import { databaseUrl, providerOf, sqliteFilePath } from "./database-url";
import { readMigrationList } from "./migration-list";
import { openSchemaEngine } from "./schema-engine";
import { schemaFor } from "./schema-files";
import { enableWriteAheadLog } from "./sqlite-journal";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies pending migrations from prisma/migrations/<provider>; returns the names applied. */
export async function applyPendingMigrations(url = databaseUrl()): Promise<string[]> {
  const provider = providerOf(url);
  const { engine, close } = await openSchemaEngine(url, schemaFor(provider));
  let applied: string[];
  try {
    ({ appliedMigrationNames: applied } = await engine.applyMigrations({
      migrationsList: readMigrationList(provider),
      filters: NO_FILTERS,
    }));
  } finally {
    await close();
  }
  // After close(): the engine's connection holds the file in exclusive locking mode.
  if (provider === "sqlite" && sqliteFilePath(url) !== ":memory:") enableWriteAheadLog(url);
  return applied;
}

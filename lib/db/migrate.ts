import { databaseUrl, providerOf } from "./database-url";
import { readMigrationList } from "./migration-list";
import { openSchemaEngine } from "./schema-engine";
import { schemaFor } from "./schema-files";

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Applies pending migrations from prisma/migrations/<provider>; returns the names applied. */
export async function applyPendingMigrations(url = databaseUrl()): Promise<string[]> {
  const provider = providerOf(url);
  const { engine, close } = await openSchemaEngine(url, schemaFor(provider));
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(provider),
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

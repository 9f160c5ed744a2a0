// npm run db:migrate: applies pending migrations to DATABASE_URL (default: the SQLite file).
import { databaseUrl, providerOf } from "../../lib/db/database-url";
import { applyPendingMigrations } from "../../lib/db/migrate";

const url = databaseUrl();
const applied = await applyPendingMigrations(url);
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s) to ${providerOf(url)}: ${applied.join(", ")}`
    : `Database (${providerOf(url)}) is up to date`,
);

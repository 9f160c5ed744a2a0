// npm run db:migration -- <name>: writes the next migration for SQLite and PostgreSQL.
import path from "node:path";
import { createMigration } from "../../lib/db/create-migration";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. add_webhooks)");
  process.exit(2);
}
for (const result of await createMigration(name)) {
  console.log(
    result.dir
      ? `${result.provider}: wrote ${path.relative(process.cwd(), result.dir)}/migration.sql`
      : `${result.provider}: no schema changes`,
  );
}

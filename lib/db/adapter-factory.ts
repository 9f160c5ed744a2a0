import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { providerOf, sqliteFilePath } from "./database-url";

/** The driver adapter for a DATABASE_URL; shared by the app's client and the migration runner. */
export function adapterFactoryFor(url: string) {
  if (providerOf(url) === "postgres") {
    // A bounded connect timeout: an unreachable server must fail fast (evaluations then report
    // a stale snapshot) rather than hang every query.
    return new PrismaPg({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 5_000,
    });
  }
  const file = sqliteFilePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaBetterSqlite3({ url: file, timeout: 5000 });
}

import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient, type Prisma } from "./generated/sqlite/client";
import { adapterFactoryFor } from "./adapter-factory";
import { databaseUrl, providerOf } from "./database-url";

// Both generated clients have the same models and methods; the SQLite one's type is the
// single surface the rest of the code sees.
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
export type { Prisma };

const globalForDb = globalThis as unknown as { glidepathDb?: Db; glidepathDbUrl?: string };

export function createDb(url = databaseUrl()): Db {
  const adapter = adapterFactoryFor(url);
  if (providerOf(url) === "postgres") {
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  return new SqliteClient({ adapter });
}

/** The process-wide client (one pool per process; survives Next.js dev reloads). */
export function getDb(): Db {
  const url = databaseUrl();
  if (!globalForDb.glidepathDb || globalForDb.glidepathDbUrl !== url) {
    globalForDb.glidepathDb = createDb(url);
    globalForDb.glidepathDbUrl = url;
  }
  return globalForDb.glidepathDb;
}

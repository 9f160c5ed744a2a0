// Writes the PostgreSQL schema variant and generates both Prisma Clients, offline.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { POSTGRES_SCHEMA, SOURCE_SCHEMA, postgresSchemaFrom } from "../../lib/db/schema-files";

const require = createRequire(import.meta.url);

fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
fs.writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(fs.readFileSync(SOURCE_SCHEMA, "utf8")));

// `prisma generate` needs no schema engine, but the CLI insists on finding one; any file
// satisfies it, and nothing is downloaded.
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of [SOURCE_SCHEMA, POSTGRES_SCHEMA]) {
  execFileSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate", "--schema", schema], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
console.log("Generated Prisma Clients for SQLite and PostgreSQL");

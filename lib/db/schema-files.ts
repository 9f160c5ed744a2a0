import fs from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "./database-url";

const root = process.cwd();

export const SOURCE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgres", "schema.prisma");

export function migrationsDir(provider: DatabaseProvider): string {
  return path.join(root, "prisma", "migrations", provider);
}

/**
 * The PostgreSQL variant of the source schema. A Prisma Client is generated for one provider
 * only, so the models are written once and this variant differs in its datasource and output.
 */
export function postgresSchemaFrom(source: string): string {
  const out = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/db\/generated\/sqlite"/, 'output       = "../../lib/db/generated/postgres"')
    .replace(
      /^\/\/ Source schema:[^\n]*\n(\/\/[^\n]*\n)*/,
      "// Generated from prisma/schema.prisma by scripts/db/generate.ts. Do not edit.\n",
    );
  if (!out.includes('"postgresql"') || !out.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma no longer has the expected generator/datasource blocks");
  }
  return out;
}

export function schemaFor(provider: DatabaseProvider): { path: string; content: string } {
  const source = fs.readFileSync(SOURCE_SCHEMA, "utf8");
  return provider === "sqlite"
    ? { path: SOURCE_SCHEMA, content: source }
    : { path: POSTGRES_SCHEMA, content: postgresSchemaFrom(source) };
}

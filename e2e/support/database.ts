import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrlFile } from "../../scripts/e2e/e2e-constants";

/** Direct SQL on the database behind a project's server, for setting up what the UI can't. */
export async function sql(project: string, text: string, params: unknown[] = []): Promise<void> {
  const url = fs.readFileSync(databaseUrlFile(project), "utf8").trim();
  if (url.startsWith("file:")) {
    const db = new Database(url.replace(/^file:/, ""));
    try {
      db.prepare(text.replace(/\$\d+/g, "?")).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

export async function setRole(project: string, email: string, teamSlug: string, role: string) {
  await sql(
    project,
    `UPDATE "Membership" SET "role" = $1 WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $2) AND "teamId" = (SELECT "id" FROM "Team" WHERE "slug" = $3)`,
    [role, email, teamSlug],
  );
}

/** Rows of a read-only query on the database behind a project's server (cast counts to INTEGER: PostgreSQL's are text). */
export async function rows(project: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const url = fs.readFileSync(databaseUrlFile(project), "utf8").trim();
  if (url.startsWith("file:")) {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      return db.prepare(text.replace(/\$\d+/g, "?")).all(...params) as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

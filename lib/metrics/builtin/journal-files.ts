import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { providerOf, sqliteFilePath } from "@/lib/db/database-url";

/**
 * Where the metrics journal lives and how its files are named. One journal per process:
 * `<id>.owner.<pid>` says whose it is and for which database, `<id>.<segment>.seg` hold the
 * observations of one flush interval each.
 */

export const JOURNAL_MAGIC = Buffer.from("GPMJRNL1");

/** Null when journaling is off (GLIDEPATH_METRICS_JOURNAL=off, or an in-memory database). */
export function journalDirFor(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.GLIDEPATH_METRICS_JOURNAL === "off") return null;
  if (env.GLIDEPATH_METRICS_JOURNAL_DIR) return path.resolve(env.GLIDEPATH_METRICS_JOURNAL_DIR);
  if (providerOf(databaseUrl) === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    return file === ":memory:" ? null : `${file}.metrics-journal`;
  }
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "data", "metrics-journal");
}

/** Which database a journal belongs to (its URL without the password), so no replay crosses over. */
export function databaseTag(databaseUrl: string): string {
  let text = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    url.password = "";
    text = url.toString();
  } catch {
    // a file: URL with a relative path: the text itself
  }
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

export const segmentFile = (dir: string, journalId: string, segment: number) =>
  path.join(dir, `${journalId}.${String(segment).padStart(9, "0")}.seg`);
export const ownerFile = (dir: string, journalId: string, pid: number) => path.join(dir, `${journalId}.owner.${pid}`);

export type JournalOwner = { journalId: string; pid: number; file: string; database: string };

export function listOwners(dir: string): JournalOwner[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const owners: JournalOwner[] = [];
  for (const name of names) {
    const match = /^([0-9a-f-]+)\.owner\.(\d+)$/.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    let database = "";
    try {
      database = (JSON.parse(fs.readFileSync(file, "utf8")) as { database?: string }).database ?? "";
    } catch {
      continue;
    }
    owners.push({ journalId: match[1]!, pid: Number(match[2]), file, database });
  }
  return owners;
}

export function segmentsOf(dir: string, journalId: string): { segment: number; file: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const prefix = `${journalId}.`;
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith(".seg"))
    .map((name) => ({ segment: Number(name.slice(prefix.length, -4)), file: path.join(dir, name) }))
    .filter((s) => Number.isInteger(s.segment))
    .sort((a, b) => a.segment - b.segment);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // gone already
  }
}

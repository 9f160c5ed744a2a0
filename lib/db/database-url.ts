import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/glidepath.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgres://" URL, got "${url.split(":")[0]}:…"`);
}

/** Resolves `file:./data/x.db` against the working directory, as Prisma's CLI does. */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:/, "").split("?")[0] ?? "";
  if (raw === ":memory:") return raw;
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A stable session secret for the embedded default, kept beside the SQLite file. */
export function ensureAuthSecret(dataDir = path.resolve("data")): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, ".auth-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

import { createHash, randomBytes } from "node:crypto";

/** `gpe_` + 43 URL-safe characters (256 bits): too much entropy to need a slow hash. */
export function generateEmbedToken(): string {
  return `gpe_${randomBytes(32).toString("base64url")}`;
}

export function hashEmbedToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function embedTokenPrefix(token: string): string {
  return `${token.slice(0, 10)}…`;
}

/** A token could only ever look like this; anything else is "not found" without a lookup. */
export function looksLikeEmbedToken(text: string): boolean {
  return /^gpe_[A-Za-z0-9_-]{43}$/.test(text);
}

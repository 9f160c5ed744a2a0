import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const API_KEY_KINDS = ["sdk", "admin"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** `gp_sdk_` + 32 base62 characters (~190 bits): too much entropy to need a slow hash. */
export function generateApiKey(kind: ApiKeyKind): string {
  const bytes = randomBytes(32);
  let body = "";
  for (const byte of bytes) body += ALPHABET[byte % 62];
  return `gp_${kind}_${body}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** What the UI shows to recognise a key without revealing it: its kind and 4 characters. */
export function apiKeyPrefix(key: string): string {
  const body = /^gp_[a-z]+_/.exec(key)?.[0].length ?? 7;
  return `${key.slice(0, body + 4)}…`;
}

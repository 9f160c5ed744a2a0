import { hashApiKey } from "@/lib/api-keys/api-key-secret";

/** The API key a client sent: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(authorization: string | null, apiKey: string | null): string | null {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || apiKey?.trim() || null;
}

// Hashing the presented key is the most expensive step left on the hot path; keys repeat, so
// remember a bounded number of them (cleared wholesale when full, so junk can't grow it).
const keyHashes = new Map<string, string>();
export function cachedKeyHash(key: string): string {
  let hash = keyHashes.get(key);
  if (hash === undefined) {
    if (keyHashes.size >= 10_000) keyHashes.clear();
    hash = hashApiKey(key);
    keyHashes.set(key, hash);
  }
  return hash;
}

import { cachedKeyHash, presentedKey } from "@/lib/evaluation/presented-key";
import type { EnvironmentSnapshot } from "@/lib/evaluation/environment-snapshot";
import type { IngestDeps, IngestResponse } from "./ingest-handler";
import { MAX_INGEST_BYTES } from "./observation-schema";

export type IngestCredentials = { authorization: string | null; apiKey: string | null };

/** The key and environment of an admitted batch, or the refusal to send instead. */
export type IngestAdmission =
  { ok: true; keyHash: string; snapshot: EnvironmentSnapshot } | { ok: false; response: IngestResponse };

export const INGEST_TOO_LARGE = `Request body exceeds ${MAX_INGEST_BYTES} bytes; send smaller batches`;

/**
 * From the headers alone, before a byte of the body is read: no key → 401, a key that is not
 * an SDK key of an environment → 403, over the key's request rate → 429.
 */
export async function admitIngest(
  deps: Pick<IngestDeps, "store" | "limits">,
  credentials: IngestCredentials,
): Promise<IngestAdmission> {
  const key = presentedKey(credentials.authorization, credentials.apiKey);
  if (!key)
    return {
      ok: false,
      response: { status: 401, body: null, headers: { "www-authenticate": 'Bearer realm="metrics"' } },
    };
  try {
    await deps.store.start();
  } catch {
    return {
      ok: false,
      response: {
        status: 503,
        body: { error: "Configuration is not available yet: the database could not be reached" },
        headers: { "retry-after": "1" },
      },
    };
  }
  const keyHash = cachedKeyHash(key);
  const snapshot = deps.store.environmentForKey(keyHash);
  if (!snapshot) return { ok: false, response: { status: 403, body: null } };
  const limited = deps.limits?.admitRequest(keyHash);
  if (limited) return { ok: false, response: limited };
  return { ok: true, keyHash, snapshot };
}

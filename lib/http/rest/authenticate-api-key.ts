import "server-only";
import { hashApiKey } from "@/lib/api-keys/api-key-secret";
import type { Actor } from "@/lib/auth/actor";
import { readDb } from "@/lib/db/transaction";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors/domain-errors";
import { parseBearerKey } from "./bearer-key";
import { MissingCredentialsError } from "./rest-errors";

/** Who calls the automation API: an admin key of one team, acting with its role. */
export type RestPrincipal = { actor: Extract<Actor, { type: "api_key" }>; teamSlug: string };

/**
 * Authentication only: the role is checked by each use case (requireRole re-reads the key
 * inside its transaction, so a key revoked mid-request can't finish a change).
 * An SDK key is a real key of the team with too little power here, so it gets 403, not 401:
 * the caller authenticated fine and learns to use the other kind of key.
 */
export async function authenticateApiKey(authorization: string | null): Promise<RestPrincipal> {
  const presented = parseBearerKey(authorization);
  if (!presented.ok)
    throw presented.missing
      ? new MissingCredentialsError(presented.message)
      : new UnauthenticatedError(presented.message);
  const key = await readDb().apiKey.findUnique({
    where: { hash: hashApiKey(presented.key) },
    select: { id: true, kind: true, name: true, revokedAt: true, team: { select: { slug: true } } },
  });
  if (!key || key.revokedAt) throw new UnauthenticatedError("This API key is unknown or revoked");
  if (key.kind !== "admin") {
    throw new ForbiddenError(
      "This is an SDK key: it evaluates releases and sends metrics. The automation API needs an admin API key.",
    );
  }
  return { actor: { type: "api_key", id: key.id, name: `${key.name} (API key)` }, teamSlug: key.team.slug };
}

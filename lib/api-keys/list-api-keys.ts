import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { toApiKey } from "./api-key-row";

/** Every member sees which keys exist (never the keys: they are stored hashed). */
export async function listApiKeys(access: TeamAccess) {
  const rows = await readDb().apiKey.findMany({
    where: { teamId: access.teamId },
    include: { environment: { select: { key: true, name: true } } },
    orderBy: [{ revokedAt: "asc" }, { createdAt: "desc" }],
  });
  return rows.map(toApiKey).map((k) => ({
    id: k.id,
    name: k.name,
    kind: k.kind,
    // Admin (automation) keys only: what the key may do on the REST API.
    role: k.role,
    prefix: k.prefix,
    environment: k.environment,
    createdByName: k.createdByName,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
  }));
}

export type ApiKeyListItem = Awaited<ReturnType<typeof listApiKeys>>[number];

import "server-only";
import { readDb } from "@/lib/db/transaction";

export async function listApiKeys(teamId: string) {
  const keys = await readDb().apiKey.findMany({
    where: { teamId },
    include: { environment: { select: { key: true, name: true } } },
    orderBy: [{ revokedAt: "asc" }, { createdAt: "desc" }],
  });
  return keys.map((k) => ({
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

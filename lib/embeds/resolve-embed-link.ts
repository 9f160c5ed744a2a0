import "server-only";
import { getDb } from "@/lib/db/client";
import { hashEmbedToken, looksLikeEmbedToken } from "./embed-token";

export type ResolvedEmbed =
  | { kind: "unknown" }
  | { kind: "revoked" | "expired"; origins: string[] }
  | { kind: "ok"; link: EmbedLinkRow; origins: string[] };

type EmbedLinkRow = NonNullable<Awaited<ReturnType<typeof findLink>>>;

function findLink(tokenHash: string) {
  return getDb().embedLink.findUnique({
    where: { tokenHash },
    include: {
      team: { select: { id: true, prometheusUrl: true, prometheusToken: true } },
      release: { select: { key: true, name: true, archivedAt: true } },
      environment: { select: { id: true, key: true, name: true } },
    },
  });
}

/** What a token opens, checked on every request: revoking or expiring takes effect at once. */
export async function resolveEmbedLink(token: string, now = Date.now()): Promise<ResolvedEmbed> {
  if (!looksLikeEmbedToken(token)) return { kind: "unknown" };
  const link = await findLink(hashEmbedToken(token));
  if (!link) return { kind: "unknown" };
  const origins = JSON.parse(link.allowedOrigins) as string[];
  // An archived release shows nothing, like a revoked link: restoring it brings the link back.
  if (link.revokedAt || link.release.archivedAt) return { kind: "revoked", origins };
  if (link.expiresAt && link.expiresAt.getTime() <= now) return { kind: "expired", origins };
  return { kind: "ok", link, origins };
}

import "server-only";
import { getDb } from "@/lib/db/client";
import { toEmbedLink } from "./embed-link-row";
import { hashEmbedToken, looksLikeEmbedToken } from "./embed-token";

export type ResolvedEmbed =
  | { kind: "unknown" }
  | { kind: "revoked" | "expired"; origins: string[] }
  | { kind: "ok"; link: EmbedLinkRow; origins: string[] };

export type EmbedLinkRow = NonNullable<Awaited<ReturnType<typeof findLink>>>;

async function findLink(tokenHash: string) {
  const row = await getDb().embedLink.findUnique({
    where: { tokenHash },
    include: {
      team: { select: { id: true, prometheusUrl: true, prometheusToken: true } },
      release: { select: { key: true, name: true, archivedAt: true } },
      environment: { select: { id: true, key: true, name: true } },
    },
  });
  return row && toEmbedLink(row);
}

/** What a token opens, checked on every request: revoking or expiring takes effect at once. */
export async function resolveEmbedLink(token: string, now = Date.now()): Promise<ResolvedEmbed> {
  if (!looksLikeEmbedToken(token)) return { kind: "unknown" };
  const link = await findLink(hashEmbedToken(token));
  if (!link) return { kind: "unknown" };
  const origins = link.allowedOrigins;
  // An archived release shows nothing, like a revoked link: restoring it brings the link back.
  if (link.revokedAt || link.release.archivedAt) return { kind: "revoked", origins };
  if (link.expiresAt && link.expiresAt.getTime() <= now) return { kind: "expired", origins };
  return { kind: "ok", link, origins };
}

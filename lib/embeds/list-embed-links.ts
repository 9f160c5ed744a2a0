import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import type { NamedRange } from "@/lib/metrics/choose-step";
import { toEmbedLink } from "./embed-link-row";
import type { EmbedTheme } from "./embed-schemas";

export type EmbedLinkView = {
  id: string;
  name: string;
  prefix: string;
  release: { key: string; name: string };
  environment: { key: string; name: string };
  cohortKeys: string[];
  metricKeys: string[];
  range: NamedRange;
  theme: EmbedTheme;
  allowedOrigins: string[];
  createdById: string | null;
  createdByName: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  state: "live" | "revoked" | "expired";
};

/** The team's links (or one release's), newest first; tokens are never readable again. Any member may read. */
export async function listEmbedLinks(
  access: TeamAccess,
  filter: { releaseKey?: string } = {},
): Promise<EmbedLinkView[]> {
  const now = Date.now();
  const rows = await readDb().embedLink.findMany({
    where: { teamId: access.teamId, ...(filter.releaseKey ? { release: { key: filter.releaseKey } } : {}) },
    include: { release: { select: { key: true, name: true } }, environment: { select: { key: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map(toEmbedLink).map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    release: row.release,
    environment: row.environment,
    cohortKeys: row.cohortKeys,
    metricKeys: row.metricKeys,
    range: row.range,
    theme: row.theme,
    allowedOrigins: row.allowedOrigins,
    createdById: row.createdById,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedByName: row.revokedByName,
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt.getTime() <= now ? "expired" : "live",
  }));
}

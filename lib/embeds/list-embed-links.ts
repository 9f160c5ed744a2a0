import "server-only";
import { readDb } from "@/lib/db/transaction";
import type { EmbedTheme } from "./embed-schemas";

export type EmbedLinkView = {
  id: string;
  name: string;
  prefix: string;
  release: { key: string; name: string };
  environment: { key: string; name: string };
  cohortKeys: string[];
  metricKeys: string[];
  range: string;
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

/** The team's links (or one release's), newest first; tokens are never readable again. */
export async function listEmbedLinks(teamId: string, filter: { releaseKey?: string } = {}, now = Date.now()): Promise<EmbedLinkView[]> {
  const rows = await readDb().embedLink.findMany({
    where: { teamId, ...(filter.releaseKey ? { release: { key: filter.releaseKey } } : {}) },
    include: { release: { select: { key: true, name: true } }, environment: { select: { key: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    release: row.release,
    environment: row.environment,
    cohortKeys: JSON.parse(row.cohortKeys) as string[],
    metricKeys: JSON.parse(row.metricKeys) as string[],
    range: row.range,
    theme: row.theme as EmbedTheme,
    allowedOrigins: JSON.parse(row.allowedOrigins) as string[],
    createdById: row.createdById,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedByName: row.revokedByName,
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt.getTime() <= now ? "expired" : "live",
  }));
}

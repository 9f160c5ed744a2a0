import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { missingCohortKeys } from "@/lib/cohorts/missing-cohort-keys";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { createEmbedLinkSchema } from "./embed-schemas";
import { embedTokenPrefix, generateEmbedToken, hashEmbedToken } from "./embed-token";

/**
 * Editors and above. The token is returned in clear exactly once; only its hash is stored.
 * The link is pinned to one release in one environment and the cohorts and metrics chosen.
 */
export async function createEmbedLink(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createEmbedLinkSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const release = await tx.release.findFirst({
      where: { teamId: access.teamId, key: input.releaseKey, archivedAt: null },
      select: { id: true, name: true },
    });
    if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
    const environment = await tx.environment.findFirst({
      where: { teamId: access.teamId, key: input.environmentKey },
      select: { id: true, name: true },
    });
    if (!environment) throw new NotFoundError(`Environment "${input.environmentKey}" not found`);
    const unknownCohorts = await missingCohortKeys(
      tx,
      access.teamId,
      input.cohortKeys.filter((k) => k !== "default"),
    );
    if (unknownCohorts.length) throw ValidationError.field("cohortKeys", `Unknown cohort ${unknownCohorts.join(", ")}`);
    const metrics = await tx.metricDefinition.findMany({
      where: { teamId: access.teamId, key: { in: input.metricKeys } },
      select: { key: true },
    });
    const unknownMetrics = input.metricKeys.filter((k) => !metrics.some((m) => m.key === k));
    if (unknownMetrics.length) throw ValidationError.field("metricKeys", `Unknown metric ${unknownMetrics.join(", ")}`);

    const token = generateEmbedToken();
    const row = await tx.embedLink.create({
      data: {
        teamId: access.teamId,
        releaseId: release.id,
        environmentId: environment.id,
        name: input.name,
        tokenHash: hashEmbedToken(token),
        prefix: embedTokenPrefix(token),
        cohortKeys: JSON.stringify(input.cohortKeys),
        metricKeys: JSON.stringify(input.metricKeys),
        range: input.range,
        theme: input.theme,
        allowedOrigins: JSON.stringify(input.allowedOrigins),
        expiresAt: input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000),
        createdById: access.actor.id,
        createdByName: access.actor.name,
      },
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "embed_link.created",
      summary: `Created embed link "${row.name}" (${row.prefix}) for ${release.name} in ${environment.name}, framable by ${input.allowedOrigins.join(", ")}`,
      environmentId: environment.id,
      releaseId: release.id,
      after: {
        name: row.name,
        prefix: row.prefix,
        cohortKeys: input.cohortKeys,
        metricKeys: input.metricKeys,
        range: row.range,
        theme: row.theme,
        allowedOrigins: input.allowedOrigins,
        expiresAt: row.expiresAt,
      },
    });
    return { id: row.id, token, prefix: row.prefix, name: row.name, expiresAt: row.expiresAt?.toISOString() ?? null };
  });
}

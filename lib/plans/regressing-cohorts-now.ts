import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { regressingByKey, type CohortHealth } from "@/lib/domain/cohort-health";
import { DomainError } from "@/lib/errors/domain-errors";
import { readCohortHealth } from "./read-cohort-health";

/**
 * The cohorts of a release that regress right now, read before a change's transaction (the
 * metrics backend may be slow or remote: never inside one), and only when the environment's
 * approval policy has the rule "raising a cohort that is regressing needs approval".
 * undefined: the rule is off, or the caller can't make the change (the transaction then says
 * why). A policy switched on between this read and the transaction holds nothing this once.
 */
export async function regressingCohortsNow(
  actor: Actor | null,
  input: { teamSlug: string; environmentKey: string; releaseKey: string },
): Promise<ReadonlyMap<string, CohortHealth> | undefined> {
  const db = readDb();
  try {
    const access = await requireRole(db, actor, input.teamSlug, "editor");
    const environment = await db.environment.findFirst({
      where: { teamId: access.teamId, key: input.environmentKey },
      select: { id: true, key: true, approvalPolicy: { select: { regressingCohorts: true } } },
    });
    if (!environment?.approvalPolicy?.regressingCohorts) return undefined;
    const health = await readCohortHealth(access, { environment, releaseKey: input.releaseKey });
    return regressingByKey(health.cohorts);
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

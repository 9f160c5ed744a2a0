import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { jsonColumn } from "@/lib/db/parse-row";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { loadRollout, type LoadedRollout } from "./load-rollout";
import type { Percentages } from "./write-percentages";

const side = jsonColumn(
  z.object({ defaultBasisPoints: z.number().int(), cohorts: z.record(z.string(), z.number().int()) }),
);
const percentageEvent = z.object({ before: side, after: side });

/** One percentage change from the audit trail, with the rollout it changed as it is now. */
export type PercentageChange = {
  id: string;
  summary: string;
  actorName: string;
  createdAt: Date;
  before: Percentages;
  after: Percentages;
  target: LoadedRollout;
};

/**
 * An audit entry of a percentage change ("rollout.percentages_set") of this team. Another
 * team's entry is "not found" like a missing one; an entry of another kind can't be reverted.
 */
export async function loadPercentageChange(tx: Tx, teamId: string, auditEventId: string): Promise<PercentageChange> {
  const event = await tx.auditEvent.findFirst({ where: { id: auditEventId, teamId } });
  if (!event) throw new NotFoundError("That audit entry was not found");
  const parsed = percentageEvent.safeParse({ before: event.before, after: event.after });
  if (event.action !== "rollout.percentages_set" || !event.releaseId || !event.environmentId || !parsed.success)
    throw ValidationError.field("auditEventId", "Only a change of percentages can be reverted");
  const [release, environment] = await Promise.all([
    tx.release.findFirst({ where: { id: event.releaseId, teamId }, select: { key: true } }),
    tx.environment.findFirst({ where: { id: event.environmentId, teamId }, select: { key: true } }),
  ]);
  if (!release || !environment) throw new NotFoundError("The release of that change no longer exists");
  const target = await loadRollout(tx, teamId, release.key, environment.key);
  return { ...event, ...parsed.data, target };
}

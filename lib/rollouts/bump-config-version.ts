import "server-only";
import type { Tx } from "@/lib/db/client";

/** Evaluators compare this number to know their snapshot of the environment is stale. */
export async function bumpConfigVersion(tx: Tx, where: { environmentId: string } | { teamId: string }) {
  await tx.environment.updateMany({
    where: "environmentId" in where ? { id: where.environmentId } : { teamId: where.teamId },
    data: { configVersion: { increment: 1 } },
  });
}

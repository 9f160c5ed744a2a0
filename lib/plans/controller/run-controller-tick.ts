import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { acquireLease } from "./controller-lease";
import { tickPlan, type GuardrailDataReader, type PlanTickOutcome } from "./tick-plan";

export const CONTROLLER_LEASE_NAME = "plans";

export type ControllerTickInput = {
  db: Db;
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** This instance, for the lease. */
  holder: string;
  now: Date;
  /** How long the lease lasts without renewal: a few ticks, so a dead instance is replaced soon. */
  leaseMs: number;
  readData: GuardrailDataReader;
};

export type ControllerTickReport = { leader: boolean; plans: PlanTickOutcome[] };

/**
 * One pass of the plan controller: take (or renew) the lease, then judge every live plan once.
 * An instance without the lease does nothing. A plan that fails is logged and left for the
 * next tick; the others go on.
 */
export async function runControllerTick(input: ControllerTickInput): Promise<ControllerTickReport> {
  // Looking costs a read, taking the lease a write. With nothing to run, don't write: on
  // SQLite a write waits for any other process's lock, and better-sqlite3 waits on this thread.
  const anyLive = await input.db.rolloutPlan.count({ where: { status: { in: ["running", "paused", "held"] } } });
  if (anyLive === 0) return { leader: false, plans: [] };
  const leader = await acquireLease(input.db, {
    name: CONTROLLER_LEASE_NAME,
    holder: input.holder,
    now: input.now,
    ttlMs: input.leaseMs,
  });
  if (!leader) return { leader, plans: [] };
  const live = await input.db.rolloutPlan.findMany({
    where: { status: { in: ["running", "paused", "held"] } },
    select: { id: true, teamId: true },
    orderBy: { createdAt: "asc" },
  });
  const plans: PlanTickOutcome[] = [];
  for (const plan of live) {
    try {
      plans.push(await tickPlan(input, plan.teamId, plan.id));
    } catch (error) {
      console.error(`[plans] tick of plan ${plan.id} failed`, error);
      plans.push({
        planId: plan.id,
        action: "skipped",
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { leader, plans };
}

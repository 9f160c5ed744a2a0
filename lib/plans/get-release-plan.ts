import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import type { PlanRequestKind } from "@/lib/change-requests/change-request-view";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { PLAN_INCLUDE, toLoadedPlan } from "./load-plan";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";

export type GuardrailReadingView = {
  minute: number;
  state: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  treatment: number;
  control: number;
};

export type ReleasePlanView = {
  /** The plan that owns the rollout now, or else the latest one that ended. */
  plan: PlanView | null;
  /** A request about it waiting for approval. */
  pendingRequest: { id: string; kind: PlanRequestKind; requesterName: string } | null;
  /** Interval over time per cohort × metric ("cohort|metric" → readings, oldest first). */
  readings: Record<string, GuardrailReadingView[]>;
};

/** The release's plan in the environment in view, for the release page. Any member may read. */
export async function getReleasePlan(context: TeamContext, input: { releaseKey: string }): Promise<ReleasePlanView> {
  const { access, environment } = context;
  const db = readDb();
  const release = await db.release.findFirst({
    where: { teamId: access.teamId, key: input.releaseKey, archivedAt: null },
    select: { id: true },
  });
  if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
  const row = await db.rolloutPlan.findFirst({
    where: { teamId: access.teamId, rollout: { releaseId: release.id, environmentId: environment.id } },
    include: PLAN_INCLUDE,
    orderBy: { createdAt: "desc" },
  });
  if (!row) return { plan: null, pendingRequest: null, readings: {} };
  const plan = toPlanView(toLoadedPlan(row));
  const request = await db.changeRequest.findFirst({
    where: {
      releaseId: release.id,
      environmentId: environment.id,
      status: "pending",
      kind: { in: ["plan_start", "plan_update", "plan_skip"] },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, kind: true, requesterName: true },
  });
  const rows = await db.guardrailReading.findMany({ where: { planId: row.id }, orderBy: { minute: "asc" } });
  const readings: Record<string, GuardrailReadingView[]> = {};
  for (const r of rows) {
    (readings[`${r.cohortKey}|${r.metricKey}`] ??= []).push({
      minute: r.minute,
      state: r.state,
      estimate: r.estimate,
      lower: r.lower,
      upper: r.upper,
      treatment: r.treatment,
      control: r.control,
    });
  }
  return {
    plan,
    pendingRequest: request
      ? { id: request.id, kind: request.kind as PlanRequestKind, requesterName: request.requesterName }
      : null,
    readings,
  };
}

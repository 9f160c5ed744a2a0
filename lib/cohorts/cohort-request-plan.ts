import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { cohortChangeFlows, type CohortFlow } from "@/lib/domain/cohort-reach";
import { cohortFieldsPayload, cohortOrderPayload } from "@/lib/change-requests/cohort-request-payload";
import { requestReasons } from "@/lib/change-requests/change-request-row";
import { applyCohortArchive, applyCohortEdit, applyCohortSwap } from "./apply-cohort-change";
import { judgeCohortChange } from "./judge-cohort-change";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";
import { loadActiveCohorts, universalAfter, type ActiveCohort } from "./load-active-cohorts";

type Row = {
  id: string;
  kind: string;
  cohortId: string | null;
  baseVersion: number;
  before: string;
  proposed: string;
  reasons: string;
};

/** Ready to apply (with who asked and approved in `note`), or why nothing may be applied. */
export type CohortRequestPlan = { ok: true; apply: (note: string) => Promise<void> } | { ok: false; why: string };

/**
 * An approved cohort request applies only if what was judged still holds: the cohort (and for a
 * reorder, its neighbour and the order) is as it was, and judged again now the policy finds no
 * reason the approver wasn't shown (a release raised meanwhile, say). Otherwise it is stale.
 */
export async function planCohortRequest(tx: Tx, access: TeamAccess, row: Row): Promise<CohortRequestPlan> {
  const cohorts = await loadActiveCohorts(tx, access.teamId);
  const cohort = cohorts.find((c) => c.id === row.cohortId);
  if (!cohort) return { ok: false, why: "the cohort was archived since the request; nothing was applied" };
  if (cohort.version !== row.baseVersion)
    return { ok: false, why: `cohort ${cohort.name} was edited since the request; nothing was applied` };
  const order = cohorts.map((c) => c.key);
  const shown = new Set(requestReasons(row));
  const stillJudged = async (flows: readonly CohortFlow[], definitionAfter?: CohortDefinition) => {
    const universal = universalAfter(
      cohorts,
      definitionAfter ? { cohortKey: cohort.key, definition: definitionAfter } : null,
    );
    const now = await judgeCohortChange(
      tx,
      access.teamId,
      flows,
      new Map(cohorts.map((c) => [c.key, c.name])),
      universal,
    );
    const unseen = (now?.reasons ?? []).filter((reason) => !shown.has(reason));
    return unseen.length
      ? `the releases it affects changed since the request (now also: ${unseen.join("; ")}); nothing was applied`
      : null;
  };

  if (row.kind === "cohort_update") {
    const after = cohortFieldsPayload(row).proposed;
    const flows = cohortChangeFlows(cohorts, { kind: "rules", cohortKey: cohort.key, after: after.definition });
    const why = await stillJudged(flows, after.definition);
    if (why) return { ok: false, why };
    return { ok: true, apply: async (note) => void (await applyCohortEdit(tx, access, cohort, after, flows, note)) };
  }

  const before = cohortOrderPayload(row).before;
  if (before.order.join("\n") !== order.join("\n"))
    return { ok: false, why: "the cohort order changed since the request; nothing was applied" };
  const changed = Object.entries(before.versions).find(
    ([key, version]) => cohorts.find((c) => c.key === key)?.version !== version,
  );
  if (changed) return { ok: false, why: `cohort ${changed[0]} was edited since the request; nothing was applied` };

  if (row.kind === "cohort_archive") {
    const flows = cohortChangeFlows(cohorts, { kind: "archive", cohortKey: cohort.key });
    const why = await stillJudged(flows);
    if (why) return { ok: false, why };
    return { ok: true, apply: (note) => applyCohortArchive(tx, access, cohort, order, flows, note) };
  }

  const neighbour: ActiveCohort | undefined = cohorts.find((c) => c.key !== cohort.key && c.key in before.versions);
  if (!neighbour) return { ok: false, why: "the cohort it was to swap with is gone; nothing was applied" };
  const index = order.indexOf(cohort.key);
  const [upper, lower] = order.indexOf(neighbour.key) < index ? [neighbour, cohort] : [cohort, neighbour];
  const flows = cohortChangeFlows(cohorts, { kind: "swap", upper: upper.key, lower: lower.key });
  const why = await stillJudged(flows);
  if (why) return { ok: false, why };
  return {
    ok: true,
    apply: async (note) => void (await applyCohortSwap(tx, access, cohort, neighbour, order, flows, note)),
  };
}

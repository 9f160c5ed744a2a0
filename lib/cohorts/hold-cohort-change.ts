import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import type { CohortFlow } from "@/lib/domain/cohort-reach";
import type { ChangeRequestView, CohortRequestKind } from "@/lib/change-requests/change-request-view";
import { createChangeRequest } from "@/lib/change-requests/create-change-request";
import { judgeCohortChange } from "./judge-cohort-change";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";
import { universalAfter, type ActiveCohort } from "./load-active-cohorts";

export type CohortProposal = {
  kind: CohortRequestKind;
  cohort: ActiveCohort;
  flows: readonly CohortFlow[];
  before: unknown;
  proposed: unknown;
  comment: string;
  /** For an edit: the cohort's definition after it (a cohort that then matches everyone counts as everyone else). */
  definitionAfter?: CohortDefinition;
};

/**
 * A cohort change that any environment's policy would hold becomes a change request, like a
 * rollout change; returns it, or null when the change may apply directly.
 */
export async function holdCohortChange(
  tx: Tx,
  access: TeamAccess,
  cohorts: readonly ActiveCohort[],
  proposal: CohortProposal,
): Promise<ChangeRequestView | null> {
  const names = new Map(cohorts.map((c) => [c.key, c.name]));
  const universal = universalAfter(
    cohorts,
    proposal.definitionAfter ? { cohortKey: proposal.cohort.key, definition: proposal.definitionAfter } : null,
  );
  const judgement = await judgeCohortChange(tx, access.teamId, proposal.flows, names, universal);
  if (!judgement) return null;
  return createChangeRequest(tx, {
    access,
    target: { cohortId: proposal.cohort.id },
    kind: proposal.kind,
    before: proposal.before,
    proposed: proposal.proposed,
    baseVersion: proposal.cohort.version,
    reasons: judgement.reasons,
    comment: proposal.comment,
    expiryMinutes: judgement.expiryMinutes,
  });
}

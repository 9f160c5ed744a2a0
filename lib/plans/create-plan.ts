import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { inTransaction } from "@/lib/db/transaction";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { loadRollout } from "@/lib/rollouts/load-rollout";
import { parseInput } from "@/lib/validation/parse-input";
import { checkPlanReferences } from "./check-plan-references";
import { loadActivePlan, loadPlan } from "./load-plan";
import { recordPlanEvent } from "./plan-events";
import { toPlanTemplate } from "./plan-row";
import { createPlanSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";

/**
 * Makes a plan (not started) for a release in one environment, from a team template or from
 * steps given outright. A rollout has at most one plan that isn't over.
 */
export async function createPlan(actor: Actor | null, rawInput: unknown): Promise<PlanView> {
  const input = parseInput(createPlanSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const target = await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey);
    // Serialise plan creation per rollout: the row lock makes a concurrent second create wait and then see the first.
    await tx.releaseRollout.update({ where: { id: target.rollout.id }, data: { updatedAt: target.rollout.updatedAt } });
    const active = await loadActivePlan(tx, target.rollout.id);
    if (active)
      throw new ConflictError<PlanView>(
        `${target.release.name} already has a plan in ${target.environment.name} (${active.status}); finish or cancel it first`,
        toPlanView(active),
      );

    let definition: PlanDefinition | undefined = input.definition;
    let templateName: string | null = null;
    if (input.templateKey !== undefined) {
      const row = await tx.planTemplate.findFirst({
        where: { teamId: access.teamId, key: input.templateKey, archivedAt: null },
      });
      if (!row) throw ValidationError.field("templateKey", `Unknown template "${input.templateKey}"`);
      const template = toPlanTemplate(row);
      definition ??= template.definition;
      templateName = template.name;
    }
    await checkPlanReferences(tx, access.teamId, definition!);

    const created = await tx.rolloutPlan.create({
      data: {
        teamId: access.teamId,
        rolloutId: target.rollout.id,
        status: "draft",
        steps: JSON.stringify(definition!.steps),
        guardrails: JSON.stringify(definition!.guardrails),
        templateName,
        createdById: access.actor.id,
        createdByName: access.actor.name,
      },
    });
    const plan = await loadPlan(tx, access.teamId, created.id);
    await recordPlanEvent(tx, {
      by: access,
      plan,
      action: "plan.created",
      summary: `Made a ${definition!.steps.length}-step plan${templateName ? ` from "${templateName}"` : ""} in ${target.environment.name}`,
    });
    return toPlanView(plan);
  });
}

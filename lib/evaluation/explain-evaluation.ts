import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { evaluate, type CompiledCohort } from "@/lib/domain/evaluate";
import type { EvaluationContext } from "@/lib/domain/targeting";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { environmentKeySchema, releaseKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { loadEnvironmentSnapshot } from "./environment-snapshot";

export const explainEvaluationSchema = z.object({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
  targetingKey: z
    .string()
    .trim()
    .min(1, "Targeting key is required")
    .max(256, "Targeting key must be at most 256 characters"),
  attributes: z
    .record(z.string().trim().min(1).max(64), z.string().max(1024))
    .refine((a) => Object.keys(a).length <= 50, "At most 50 attributes")
    .default({}),
});
export type ExplainEvaluationInput = z.input<typeof explainEvaluationSchema>;

/**
 * "Who gets it?": the same compile and evaluate() the OFREP API uses, on a fresh snapshot of
 * the environment, for one context typed into the release page.
 */
export async function explainEvaluation(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(explainEvaluationSchema, rawInput);
  const db = readDb();
  const access = await requireRole(db, actor, input.teamSlug, "viewer");
  const environment = await db.environment.findFirst({ where: { teamId: access.teamId, key: input.environmentKey } });
  if (!environment) throw new NotFoundError(`Environment "${input.environmentKey}" not found`);
  const snapshot = await loadEnvironmentSnapshot(db, environment.id);
  const release = snapshot?.releases.get(input.releaseKey);
  if (!snapshot || !release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
  const context = { ...input.attributes, targetingKey: input.targetingKey };
  const result = evaluate(release, snapshot.cohorts, context);
  const matched = matchingCohorts(snapshot.cohorts, context);
  const names = new Map(
    (
      await db.cohort.findMany({
        where: { teamId: access.teamId, key: { in: [...new Set([result.cohortKey, ...matched])] } },
        select: { key: true, name: true },
      })
    ).map((c) => [c.key, c.name]),
  );
  return {
    ...result,
    cohortName: result.cohortKey === "default" ? "Everyone else" : (names.get(result.cohortKey) ?? result.cohortKey),
    /** Every cohort whose rules match, in priority order: the first decides, the rest are shadowed. */
    matchedCohorts: matched.map((key) => ({ key, name: names.get(key) ?? key })),
    environmentName: environment.name,
  };
}

/** Every cohort the context matches, in priority order (evaluate stops at the first). */
function matchingCohorts(cohorts: readonly CompiledCohort[], context: EvaluationContext): string[] {
  return cohorts.filter((cohort) => cohort.matches(context)).map((cohort) => cohort.key);
}

export type Explanation = Awaited<ReturnType<typeof explainEvaluation>>;

import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { readDb } from "@/lib/db/transaction";
import { analyseCohortOrder, provablyCovered } from "@/lib/domain/cohort-overlap";
import { cohortChangeFlows, type ProposedCohortChange } from "@/lib/domain/cohort-reach";
import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";
import { describeCohortFinding } from "@/lib/domain/describe-cohort-findings";
import { describeCohortOrderChange, describeDefinitionChange } from "@/lib/domain/describe-cohort-change";
import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { estimateCohortUsers } from "@/lib/metrics/builtin/exposure-queries";
import { teamSlugSchema, versionSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { cohortKeySchema } from "./cohort-schemas";
import { judgeCohortChange } from "./judge-cohort-change";
import { loadActiveCohorts, universalAfter, type ActiveCohort } from "./load-active-cohorts";

export const previewCohortChangeSchema = z.object({
  teamSlug: teamSlugSchema,
  cohortKey: cohortKeySchema,
  change: z.discriminatedUnion(
    "kind",
    [
      z.object({ kind: z.literal("edit"), expectedVersion: versionSchema, definition: cohortDefinitionSchema }),
      z.object({
        kind: z.literal("move"),
        direction: z.enum(["up", "down"], { error: "Direction must be up or down" }),
      }),
    ],
    { error: 'Change kind must be "edit" or "move"' },
  ),
});
export type PreviewCohortChangeInput = z.input<typeof previewCohortChangeSchema>;

/** Users of one place moving to another in one live release, and what that does to who gets it. */
export type PreviewMove = {
  from: string;
  to: string;
  fromBasisPoints: number;
  toBasisPoints: number;
  /** Distinct users seen in `from` for this release here over the last 24 h; null: no record. */
  usersSeen: number | null;
  /** Every one of them moves (proven by the rules), not only some. */
  allMove: boolean;
};

export type PreviewRollout = {
  releaseKey: string;
  releaseName: string;
  environmentKey: string;
  environmentName: string;
  status: string;
  moves: PreviewMove[];
  /** At most this many users would start / stop getting the release; null: unknown (no traffic recorded). */
  usersGaining: number | null;
  usersLosing: number | null;
};

export type CohortChangePreview = {
  /** The change in words ("Rule added: country is DE", "Mobile app users moved above EU shoppers"). */
  change: string[];
  /** Live releases (rolling or paused) whose audience the change alters, per environment. */
  affected: PreviewRollout[];
  /** Whether the rules let any user change cohort at all (false: proven nobody moves). */
  usersMove: boolean;
  /** Why an approval policy would hold it (each line names the environment); empty: it applies on save. */
  heldBecause: string[];
  /** Proven problems the change would create in the order ("Never matches: …"). */
  warnings: string[];
  estimatedFrom: string;
};

const DAY_MS = 86_400_000;
export const ESTIMATE_EXPLAINED =
  "Users are distinct targeting keys the evaluation API counted per release, environment and cohort in the last 24 hours. Rules can't tell which of those users match the new rules, so figures are upper bounds (“up to”) unless every user of a cohort moves; “unknown” means no evaluations were recorded there.";

function placeName(cohorts: readonly ActiveCohort[], key: string): string {
  return key === DEFAULT_COHORT_KEY ? "everyone else" : (cohorts.find((c) => c.key === key)?.name ?? key);
}

function proposedOrder(cohorts: readonly ActiveCohort[], change: ProposedCohortChange): ActiveCohort[] {
  if (change.kind === "rules")
    return cohorts.map((c) => (c.key === change.cohortKey ? { ...c, definition: change.after } : c));
  if (change.kind === "archive") return cohorts.filter((c) => c.key !== change.cohortKey);
  const swapped = [...cohorts];
  const [u, l] = [swapped.findIndex((c) => c.key === change.upper), swapped.findIndex((c) => c.key === change.lower)];
  [swapped[u], swapped[l]] = [swapped[l]!, swapped[u]!];
  return swapped;
}

/** "Never matches" findings the change creates (not those already there). */
function newWarnings(before: readonly ActiveCohort[], after: readonly ActiveCohort[]): string[] {
  const was = new Set(analyseCohortOrder(before).flatMap((f) => (f.neverMatches ? [f.key] : [])));
  const nameOf = (key: string) => placeName(after, key);
  return analyseCohortOrder(after)
    .filter((f) => f.neverMatches && !was.has(f.key))
    .flatMap((f) =>
      describeCohortFinding({ ...f, mayShareWith: [] }, nameOf).map((w) => `${nameOf(f.key)}: ${w.text}`),
    );
}

/**
 * What a cohort edit or move would do before it is saved: which live releases in which
 * environments serve the moving users differently, about how many users that is (from the
 * exposures of the last 24 h), whether an approval policy would hold it, and what it breaks in
 * the order. Judged by the same code the save runs (flows, policy), so the preview and the save
 * can't disagree; nothing is written.
 */
export async function previewCohortChange(actor: Actor | null, rawInput: unknown): Promise<CohortChangePreview> {
  const input = parseInput(previewCohortChangeSchema, rawInput);
  const db = readDb();
  const access = await requireRole(db, actor, input.teamSlug, "viewer");
  const cohorts = await loadActiveCohorts(db, access.teamId);
  const index = cohorts.findIndex((c) => c.key === input.cohortKey);
  if (index < 0) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
  const cohort = cohorts[index]!;

  let change: ProposedCohortChange;
  let words: string[];
  let definitionAfter: CohortDefinition | undefined;
  if (input.change.kind === "edit") {
    if (cohort.version !== input.change.expectedVersion)
      throw new ConflictError(
        `Cohort ${cohort.name} was changed by someone else since you opened it; reload to see it.`,
      );
    definitionAfter = input.change.definition;
    change = { kind: "rules", cohortKey: cohort.key, after: definitionAfter };
    words = cohort.definition ? describeDefinitionChange(cohort.definition, definitionAfter) : [];
  } else {
    const up = input.change.direction === "up";
    const neighbour = cohorts[up ? index - 1 : index + 1];
    if (!neighbour)
      throw ValidationError.field("change.direction", `${cohort.name} is already ${up ? "first" : "last"}`);
    const [upper, lower] = up ? [neighbour, cohort] : [cohort, neighbour];
    change = { kind: "swap", upper: upper.key, lower: lower.key };
    const order = cohorts.map((c) => c.key);
    const names = Object.fromEntries(cohorts.map((c) => [c.key, c.name]));
    words =
      describeCohortOrderChange({ order, names }, { order: proposedOrder(cohorts, change).map((c) => c.key) }) ?? [];
  }

  const flows = cohortChangeFlows(cohorts, change);
  const names = new Map(cohorts.map((c) => [c.key, c.name]));
  const universal = universalAfter(
    cohorts,
    definitionAfter ? { cohortKey: cohort.key, definition: definitionAfter } : null,
  );
  const [judgement, rollouts] = await Promise.all([
    judgeCohortChange(db, access.teamId, flows, names, universal),
    liveRollouts(db, access.teamId),
  ]);
  const everyoneMoves = change.kind === "swap" && swapMovesEveryone(cohorts, change);
  const affected: PreviewRollout[] = [];
  const now = Date.now();
  for (const rollout of rollouts) {
    const served = (place: string) =>
      place === DEFAULT_COHORT_KEY
        ? rollout.defaultBasisPoints
        : (rollout.cohorts[place] ?? rollout.defaultBasisPoints);
    const changing = flows.filter((f) => served(f.from) !== served(f.to));
    if (!changing.length) continue;
    const users = await usersSeen(
      rollout.environmentId,
      rollout.releaseKey,
      [...cohorts.map((c) => c.key), DEFAULT_COHORT_KEY],
      now,
    );
    const moves = changing.map((f) => ({
      from: placeName(cohorts, f.from),
      to: placeName(cohorts, f.to),
      fromBasisPoints: served(f.from),
      toBasisPoints: served(f.to),
      usersSeen: users ? (users.get(f.from) ?? 0) : null,
      allMove: everyoneMoves,
    }));
    const bound = (sign: 1 | -1) =>
      users === null
        ? null
        : Math.round(
            moves.reduce((sum, m) => {
              const delta = (m.toBasisPoints - m.fromBasisPoints) * sign;
              return delta > 0 ? sum + ((m.usersSeen ?? 0) * delta) / 10_000 : sum;
            }, 0),
          );
    affected.push({
      releaseKey: rollout.releaseKey,
      releaseName: rollout.releaseName,
      environmentKey: rollout.environmentKey,
      environmentName: rollout.environmentName,
      status: rollout.status,
      moves,
      usersGaining: bound(1),
      usersLosing: bound(-1),
    });
  }
  return {
    change: words,
    affected,
    usersMove: flows.length > 0,
    heldBecause: judgement?.reasons ?? [],
    warnings: newWarnings(cohorts, proposedOrder(cohorts, change)),
    estimatedFrom: ESTIMATE_EXPLAINED,
  };
}

/** Users in both move from the upper to the lower cohort: all of the upper's users when the lower one contains it. */
function swapMovesEveryone(cohorts: readonly ActiveCohort[], change: { upper: string; lower: string }): boolean {
  const upper = cohorts.find((c) => c.key === change.upper)?.definition;
  const lower = cohorts.find((c) => c.key === change.lower)?.definition;
  return !!upper && !!lower && provablyCovered(upper, lower);
}

async function liveRollouts(db: ReturnType<typeof readDb>, teamId: string) {
  const rows = await db.releaseRollout.findMany({
    where: { status: { in: ["rolling", "paused"] }, release: { teamId, archivedAt: null } },
    select: {
      status: true,
      defaultBasisPoints: true,
      environment: { select: { id: true, key: true, name: true, position: true } },
      release: { select: { key: true, name: true } },
      cohorts: { select: { basisPoints: true, cohort: { select: { key: true } } } },
    },
  });
  return rows
    .map((r) => ({
      status: r.status,
      defaultBasisPoints: r.defaultBasisPoints,
      cohorts: Object.fromEntries(r.cohorts.map((c) => [c.cohort.key, c.basisPoints])),
      environmentId: r.environment.id,
      environmentKey: r.environment.key,
      environmentName: r.environment.name,
      position: r.environment.position,
      releaseKey: r.release.key,
      releaseName: r.release.name,
    }))
    .sort((a, b) => a.position - b.position || a.releaseName.localeCompare(b.releaseName));
}

/** Null when the release had no evaluations here in 24 h (or the store could not answer): unknown, not zero. */
async function usersSeen(
  environmentId: string,
  releaseKey: string,
  cohortKeys: string[],
  now: number,
): Promise<Map<string, number> | null> {
  try {
    const users = await estimateCohortUsers(
      getDb(),
      { environmentId, releaseKey, cohortKeys },
      { from: now - DAY_MS, to: now },
    );
    return [...users.values()].some((n) => n > 0) ? users : null;
  } catch (error) {
    console.error("[cohorts] estimating users for a cohort change preview failed", error);
    return null;
  }
}

import "server-only";
import { z } from "zod";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { summariseRollout, type RolloutSummary } from "@/lib/domain/rollout-summary";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";

/** Rolling or paused: what someone is ramping and should watch. Drafts, promoted and rolled back releases are done or not begun. */
export const ACTIVE_STATUSES = ["rolling", "paused"] as const satisfies readonly ReleaseStatus[];

export const ROLLOUTS_PER_PAGE = 20;

/** A bad ?page= shows the first page rather than an error: it comes from a link, not a form. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export type ActiveRollout = {
  key: string;
  name: string;
  ownerName: string | null;
  critical: boolean;
  status: ReleaseStatus;
  version: number;
  defaultBasisPoints: number;
  cohorts: { key: string; name: string; basisPoints: number | null }[];
  summary: RolloutSummary;
  updatedAt: Date;
  updatedByName: string | null;
};

export type ActiveRolloutPage = {
  rollouts: ActiveRollout[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The team's cohorts in priority order (every row lists them in this order). */
  cohorts: { key: string; name: string }[];
};

/**
 * One page of the active rollouts of a team in the environment in view, most recently changed
 * first. Any member may read; the team filter is in the query, so an environment id of another
 * team can never show that team's releases.
 */
export async function listActiveRollouts(
  context: TeamContext,
  input: { page?: number; pageSize?: number } = {},
): Promise<ActiveRolloutPage> {
  const { page: requestedPage = 1, pageSize = ROLLOUTS_PER_PAGE } = input;
  const scope = { teamId: context.access.teamId, environmentId: context.environment.id };
  const db = readDb();
  const where = {
    environmentId: scope.environmentId,
    status: { in: [...ACTIVE_STATUSES] },
    release: { teamId: scope.teamId },
  };
  const read = (page: number) =>
    db.releaseRollout.findMany({
      where,
      // id breaks ties, so pages never overlap when two rollouts changed in the same millisecond.
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: {
        release: { select: { key: true, name: true, critical: true, owner: { select: { name: true } } } },
        cohorts: { select: { cohortId: true, basisPoints: true } },
      },
    });
  const [total, firstTry, cohorts] = await Promise.all([
    db.releaseRollout.count({ where }),
    read(requestedPage),
    db.cohort.findMany({
      where: { teamId: scope.teamId, archivedAt: null },
      orderBy: { priority: "asc" },
      select: { id: true, key: true, name: true },
    }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  // Past the end (a shared link after releases finished): the last page instead of nothing.
  const page = Math.min(requestedPage, pageCount);
  const rows = page === requestedPage ? firstTry : await read(page);

  const rollouts = rows.map(toReleaseRollout).map((row): ActiveRollout => {
    const explicit = new Map(row.cohorts.map((c) => [c.cohortId, c.basisPoints]));
    const { status } = row;
    const rowCohorts = cohorts.map((c) => ({ key: c.key, name: c.name, basisPoints: explicit.get(c.id) ?? null }));
    return {
      key: row.release.key,
      name: row.release.name,
      ownerName: row.release.owner?.name ?? null,
      critical: row.release.critical,
      status,
      version: row.version,
      defaultBasisPoints: row.defaultBasisPoints,
      cohorts: rowCohorts,
      summary: summariseRollout({ status, defaultBasisPoints: row.defaultBasisPoints, cohorts: rowCohorts }),
      updatedAt: row.updatedAt,
      updatedByName: row.updatedByName,
    };
  });
  return { rollouts, total, page, pageCount, pageSize, cohorts: cohorts.map((c) => ({ key: c.key, name: c.name })) };
}

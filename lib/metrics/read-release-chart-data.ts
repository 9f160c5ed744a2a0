import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { getDb } from "@/lib/db/client";
import { roleAtLeast } from "@/lib/domain/roles";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { parseChartQuery, windowBounds } from "./chart-query";
import { buildReleaseChartColumns } from "./release-chart-data";
import type { ReleaseChartColumns } from "./release-chart-types";

type Params = { get(name: string): string | null };

/**
 * The chart API's use case: any member may read (the route resolved the team and the
 * environment in view, ?env=, so non-members and unknown environments are "not found", as on
 * the pages), then the query string is validated, then the data is read as columns, which
 * the route encodes for the wire (lib/metrics/chart-wire). What a failing backend said
 * reaches admins only; other members get its summary.
 */
export async function readReleaseChartData(
  context: TeamContext,
  input: { releaseKey: string; query: Params },
  now = Date.now(),
): Promise<ReleaseChartColumns> {
  const { access, environment } = context;
  const query = parseChartQuery(input.query);
  const db = getDb();
  const team = await db.team.findUnique({
    where: { id: access.teamId },
    select: { id: true, prometheusUrl: true, prometheusToken: true },
  });
  if (!team) throw new NotFoundError(`Team "${access.teamSlug}" not found`);
  return buildReleaseChartColumns(db, {
    team,
    releaseKey: input.releaseKey,
    environment: { id: environment.id, key: environment.key },
    range: windowBounds(query.window, now),
    metricKeys: query.metricKeys,
    cohortKeys: query.cohortKeys,
    showBackendDetails: roleAtLeast(access.role, "admin"),
  });
}

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { roleAtLeast } from "@/lib/domain/roles";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { parseChartQuery, windowBounds } from "./chart-query";
import { buildReleaseChartColumns } from "./release-chart-data";
import type { ReleaseChartColumns } from "./release-chart-types";

type Params = { get(name: string): string | null };

/**
 * The chart API's use case: any member may read (non-members and unknown environments are
 * "not found", as on the pages), then the query string is validated, then the data is read
 * as columns, which the route encodes for the wire (lib/metrics/chart-wire). What a failing
 * backend said reaches admins only; other members get its summary.
 */
export async function readReleaseChartData(
  actor: Actor | null,
  teamSlug: string,
  releaseKey: string,
  params: Params,
  now = Date.now(),
): Promise<ReleaseChartColumns> {
  const { access, environment } = await getTeamContext(actor, teamSlug, params.get("env"));
  const query = parseChartQuery(params);
  const db = getDb();
  const team = await db.team.findUnique({
    where: { id: access.teamId },
    select: { id: true, prometheusUrl: true, prometheusToken: true },
  });
  if (!team) throw new NotFoundError(`Team "${teamSlug}" not found`);
  return buildReleaseChartColumns(db, {
    team,
    releaseKey,
    environment: { id: environment.id, key: environment.key },
    range: windowBounds(query.window, now),
    metricKeys: query.metricKeys,
    cohortKeys: query.cohortKeys,
    showBackendDetails: roleAtLeast(access.role, "admin"),
  });
}

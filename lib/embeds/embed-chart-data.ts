import "server-only";
import { getDb } from "@/lib/db/client";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { NAMED_RANGES, type NamedRange } from "@/lib/metrics/choose-step";
import { buildReleaseChartData } from "@/lib/metrics/release-chart-data";
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";
import type { ResolvedEmbed } from "./resolve-embed-link";

export type EmbedChartData = {
  release: { name: string };
  environment: { name: string };
  status: ReleaseStatus;
  range: NamedRange;
  data: ReleaseChartData;
  /** Percent each chosen cohort gets now (after status overrides), by cohort key. */
  percentNow: Record<string, number>;
};

/** Exactly the link's release, environment, cohorts and metrics: nothing else is read. */
export async function embedChartData(
  resolved: Extract<ResolvedEmbed, { kind: "ok" }>,
  now = Date.now(),
): Promise<EmbedChartData> {
  const { link } = resolved;
  const { range, cohortKeys, metricKeys } = link;
  const db = getDb();
  const [data, rollout] = await Promise.all([
    buildReleaseChartData(db, {
      team: link.team,
      releaseKey: link.release.key,
      environment: { id: link.environment.id, key: link.environment.key },
      range: { from: now - NAMED_RANGES[range], to: now },
      metricKeys: metricKeys.length ? metricKeys : null,
      cohortKeys: cohortKeys.length ? cohortKeys : null,
      // Anyone with the link sees the chart: a failing backend is named by its summary only.
      showBackendDetails: false,
    }),
    db.releaseRollout.findFirst({
      where: { releaseId: link.releaseId, environmentId: link.environmentId },
      select: { id: true, status: true },
    }),
  ]);
  const last = data.rollout.changes.at(-1)?.percentByCohort ?? data.rollout.initial;
  return {
    release: { name: link.release.name },
    environment: { name: link.environment.name },
    status: rollout ? toReleaseRollout(rollout).status : "draft",
    range,
    data,
    percentNow: last,
  };
}

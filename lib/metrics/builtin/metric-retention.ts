import type { Db } from "@/lib/db/client";
import { BLOCK_SLOTS } from "./metric-block";

/** How long each resolution is kept, in days; minute data goes first, daily data last. */
export type Retention = Record<60 | 300 | 3600 | 86400, number>;

export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): Retention {
  const days = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  const total = days("GLIDEPATH_METRICS_RETENTION_DAYS", 400);
  // Finer data is never kept longer than coarser data.
  const minute = Math.min(days("GLIDEPATH_METRICS_MINUTE_RETENTION_DAYS", 8), total);
  return {
    60: minute,
    300: Math.min(Math.max(35, minute), total),
    3600: Math.min(Math.max(120, minute), total),
    86400: total,
  };
}

/** Deletes rows past their resolution's retention; returns how many went. */
export async function pruneAggregates(db: Db, retention: Retention, now = Date.now()): Promise<number> {
  let deleted = 0;
  for (const [resolution, days] of Object.entries(retention)) {
    const before = Math.floor((now - days * 86_400_000) / 60_000);
    const result = await db.metricAggregate.deleteMany({
      where: { resolution: Number(resolution), bucket: { lt: before } },
    });
    deleted += result.count;
    // A block goes once its last bucket is past retention.
    const span = BLOCK_SLOTS[Number(resolution)]! * (Number(resolution) / 60);
    await db.metricBlock.deleteMany({ where: { resolution: Number(resolution), block: { lt: before - span + 1 } } });
  }
  return deleted;
}

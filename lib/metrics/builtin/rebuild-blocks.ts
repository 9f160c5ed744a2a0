import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db } from "@/lib/db/client";
import { STORE_RESOLUTIONS } from "../choose-step";
import { EXPOSURE_METRIC_KEY } from "../metric-types";
import type { CellShape } from "./aggregate-cell";
import { readAggregates } from "./aggregate-reader";
import { blockStart, MetricBlock } from "./metric-block";
import { chunks } from "./series-registry";

/**
 * Rewrites the chart blocks of some series from their bucket rows: blocks are a projection of
 * MetricAggregate, so this repairs them after a bulk load or a bug. `shapeOf` says which
 * layout a series' metric uses.
 */
export async function rebuildBlocks(
  db: Db,
  series: readonly { id: number; metricKey: string }[],
  shapeOf: (metricKey: string) => CellShape,
): Promise<number> {
  let written = 0;
  for (const { id, metricKey } of series) {
    const shape = metricKey === EXPOSURE_METRIC_KEY ? "exposure" : shapeOf(metricKey);
    for (const resolution of STORE_RESOLUTIONS) {
      const rows = await readAggregates(db, [id], resolution, 0, 2 ** 31 - 1, false);
      const blocks = new Map<number, MetricBlock>();
      for (const row of rows) {
        const start = blockStart(row.bucket, resolution);
        let block = blocks.get(start);
        if (!block) blocks.set(start, (block = MetricBlock.empty(shape, resolution, start)));
        block.set(row.bucket, { ...row, count: Number(row.count), sum: Number(row.sum), sketch: null });
      }
      await db.metricBlock.deleteMany({ where: { seriesId: id, resolution } });
      for (const chunk of chunks([...blocks.values()], 200)) {
        const values = chunk.map((b) => Prisma.sql`(${id}, ${resolution}, ${b.start}, ${Buffer.from(b.encode())})`);
        await db.$executeRaw`INSERT INTO "MetricBlock" ("seriesId", "resolution", "block", "points") VALUES ${Prisma.join(values)}`;
      }
      written += blocks.size;
    }
  }
  return written;
}

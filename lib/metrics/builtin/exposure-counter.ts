import type { Evaluation } from "@/lib/domain/evaluate";
import { EXPOSURE_METRIC_KEY } from "../metric-types";
import { AggregateCell } from "./aggregate-cell";
import type { CellBatchBuilder } from "./cell-batch";
import { seriesKeyString } from "./series-key";

type Pair = { minute: number; treatment: AggregateCell | null; control: AggregateCell | null };
type ReleaseCounts = { environmentId: string; releaseKey: string; cohorts: Map<string, Pair[]> };

/**
 * Counts evaluations per environment, release, cohort and variant, with distinct users, on the
 * evaluation hot path: two map lookups and a register update per evaluation, no allocation
 * once a cohort has been seen in the current minute.
 */
export class ExposureCounter {
  private releases = new Map<string, ReleaseCounts>();

  record(environmentId: string, releaseKey: string, evaluation: Evaluation, keyHash: number, now = Date.now()): void {
    const minute = Math.floor(now / 60_000);
    const id = `${environmentId}\u0000${releaseKey}`;
    let counts = this.releases.get(id);
    if (!counts) {
      counts = { environmentId, releaseKey, cohorts: new Map() };
      this.releases.set(id, counts);
    }
    let pairs = counts.cohorts.get(evaluation.cohortKey);
    if (!pairs) {
      pairs = [];
      counts.cohorts.set(evaluation.cohortKey, pairs);
    }
    let pair = pairs[pairs.length - 1];
    if (!pair || pair.minute !== minute) {
      pair = { minute, treatment: null, control: null };
      pairs.push(pair);
    }
    const variant = evaluation.variant;
    let cell = pair[variant];
    if (!cell) {
      cell = new AggregateCell("exposure");
      pair[variant] = cell;
    }
    cell.addExposure(keyHash);
  }

  /** Moves every counted cell into `batch` (registers copied) and starts empty; returns how many went. */
  drainInto(batch: CellBatchBuilder): number {
    let drained = 0;
    for (const { environmentId, releaseKey, cohorts } of this.releases.values()) {
      for (const [cohortKey, pairs] of cohorts) {
        for (const pair of pairs) {
          for (const variant of ["treatment", "control"] as const) {
            const cell = pair[variant];
            if (!cell) continue;
            batch.addExposure(
              seriesKeyString({ environmentId, metricKey: EXPOSURE_METRIC_KEY, releaseKey, cohortKey, variant }),
              pair.minute,
              cell.count,
              cell.registers!,
            );
            drained++;
          }
        }
      }
    }
    this.releases = new Map();
    return drained;
  }
}

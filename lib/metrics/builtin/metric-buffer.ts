import { AggregateCell, type CellShape } from "./aggregate-cell";
import type { MinuteCell } from "./aggregate-writer";
import { seriesKeyString, type SeriesKey } from "./series-key";

/** Observations folded per series and minute in memory until the next flush. */
export class MetricBuffer {
  private cells = new Map<string, MinuteCell>();

  get size(): number {
    return this.cells.size;
  }

  cellFor(series: SeriesKey, shape: CellShape, minute: number): AggregateCell {
    const key = `${seriesKeyString(series)}\u0000${minute}`;
    let entry = this.cells.get(key);
    if (!entry) {
      entry = { series, minute, cell: new AggregateCell(shape) };
      this.cells.set(key, entry);
    }
    return entry.cell;
  }

  drain(): MinuteCell[] {
    const drained = [...this.cells.values()];
    this.cells = new Map();
    return drained;
  }

  /** Puts cells back after a failed flush, merged with whatever arrived since. */
  restore(cells: readonly MinuteCell[]): void {
    for (const { series, minute, cell } of cells) this.cellFor(series, cell.shape, minute).merge(cell);
  }
}

/**
 * How many series-minutes (cells) the request thread may hold before they are stored. A cell
 * is a series (metric × cohort × variant of a release, bounded by the team's definitions) in
 * one minute; timestamps spread over the 7-day ingest window are what multiply them, so that
 * is what is bounded. A request carries at most 5,000 items, so one always fits an empty
 * buffer.
 */
export type BufferLimits = {
  /** All cells of the process, including those handed to the flush worker and not written yet. */
  totalCells: number;
  /** Open cells of one environment (one SDK key's reach). */
  environmentCells: number;
  /** Open cells of one release in one environment. */
  releaseCells: number;
};

export const DEFAULT_BUFFER_LIMITS: BufferLimits = {
  totalCells: 20_000,
  environmentCells: 10_000,
  releaseCells: 5_000,
};

export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): BufferLimits {
  const read = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value >= 5_000 ? value : fallback;
  };
  const totalCells = read("GLIDEPATH_METRICS_BUFFER_CELLS", DEFAULT_BUFFER_LIMITS.totalCells);
  return {
    totalCells,
    environmentCells: Math.min(totalCells, Math.max(5_000, Math.round(totalCells / 2))),
    releaseCells: Math.min(totalCells, Math.max(5_000, Math.round(totalCells / 4))),
  };
}

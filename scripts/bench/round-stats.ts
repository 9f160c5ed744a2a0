// Summaries for alternating benchmark rounds. Medians, not means: on a shared machine a
// round that lost the core to another process is an outlier, not a data point to average in.

export type Round = { evalsPerSecond: number; cpuShare: number };

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type SideSummary = {
  name: string;
  median: number;
  min: number;
  max: number;
  /** (max − min) / median: how much the rounds disagree, i.e. how far to trust the median. */
  spread: number;
  medianCpuShare: number;
};

export function summarize(name: string, rounds: readonly Round[]): SideSummary {
  const rates = rounds.map((r) => r.evalsPerSecond);
  const med = median(rates);
  const min = Math.min(...rates);
  const max = Math.max(...rates);
  return {
    name,
    median: med,
    min,
    max,
    spread: (max - min) / med,
    medianCpuShare: median(rounds.map((r) => r.cpuShare)),
  };
}

const millions = (v: number) => `${(v / 1e6).toFixed(2)} M`;
const percent = (v: number) => `${(v * 100).toFixed(0)}%`;
const times = (v: number) => `${v.toFixed(2)}×`;

export function formatTable(sides: readonly SideSummary[], ratios: readonly number[], ratioOfMedians: number): string {
  const rows = [
    "| evaluator | evals/s (median) | min – max per round | spread | ns/eval (median) | CPU/wall |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...sides.map(
      (s) =>
        `| ${s.name} | ${millions(s.median)} | ${millions(s.min)} – ${millions(s.max)} | ${percent(s.spread)} | ` +
        `${Math.round(1e9 / s.median)} | ${percent(s.medianCpuShare)} |`,
    ),
    `| **ratio** Glidepath / flagd-core | ${times(ratioOfMedians)} (of medians) | ` +
      `${times(Math.min(...ratios))} – ${times(Math.max(...ratios))} | | median of per-round ratios ${times(median(ratios))} | |`,
  ];
  return rows.join("\n");
}

export const formatRates = (rounds: readonly Round[]) =>
  rounds.map((r) => (r.evalsPerSecond / 1e6).toFixed(2)).join(" ");

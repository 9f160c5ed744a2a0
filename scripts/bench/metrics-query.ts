// npm run bench:metrics-query — the release chart payload (every cohort, every metric, both
// variants, exposures and the rollout timeline, serialised as the API sends it) over 24 h and 7 d, on SQLite and PostgreSQL
// loaded with 30 days of per-minute data. Baseline in the same run: the same series read from
// minute rows only (a store without rollups), folded into the same steps.
import { buildReleaseChartData } from "../../lib/metrics/release-chart-data";
import { encodeChartData } from "../../lib/metrics/chart-wire";
import { readAggregates } from "../../lib/metrics/builtin/aggregate-reader";
import { chooseStep } from "../../lib/metrics/choose-step";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { loadMetricsDataset, type MetricsDataset } from "./metrics-dataset";

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const providers = (process.env.BENCH_PROVIDERS ?? "sqlite,postgres").split(",") as DatabaseProvider[];
const RANGES = [
  ["24h", 86_400_000],
  ["7d", 7 * 86_400_000],
] as const;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(runs: number, work: () => Promise<unknown>) {
  await work();
  await work();
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { median: median(times), result };
}

async function chartPayload(dataset: MetricsDataset, rangeMs: number) {
  const data = await buildReleaseChartData(dataset.db, {
    team: dataset.team,
    releaseKey: dataset.releaseKey,
    environment: dataset.environment,
    range: { from: dataset.now - rangeMs, to: dataset.now },
    metricKeys: null,
    cohortKeys: null,
  });
  return JSON.stringify(encodeChartData(data));
}

async function minuteRowsOnly(dataset: MetricsDataset, rangeMs: number) {
  const series = await dataset.db.metricSeries.findMany({
    where: { environmentId: dataset.environment.id, releaseKey: dataset.releaseKey },
    select: { id: true },
  });
  const stepMinutes = chooseStep(rangeMs) / 60;
  const rows = await readAggregates(
    dataset.db,
    series.map((s) => s.id),
    60,
    Math.floor((dataset.now - rangeMs) / 60_000),
    Math.ceil(dataset.now / 60_000),
    false,
  );
  const steps = new Map<string, { count: number; sum: number }>();
  for (const row of rows) {
    const key = `${row.seriesId}:${Math.floor(row.bucket / stepMinutes)}`;
    const into = steps.get(key);
    if (into) {
      into.count += Number(row.count);
      into.sum += Number(row.sum);
    } else steps.set(key, { count: Number(row.count), sum: Number(row.sum) });
  }
  return rows.length;
}

const lines: string[] = [];
for (const provider of providers) {
  console.log(`${provider}: loading 30 days × 20 cohorts × 2 variants × (3 metrics + exposures) of minute data…`);
  const started = Date.now();
  const dataset = await loadMetricsDataset(provider, console.log);
  const rows = await dataset.db.metricAggregate.count();
  console.log(
    `${provider}: ${rows.toLocaleString("en")} aggregate rows (${dataset.minuteRows.toLocaleString("en")} per-minute) loaded in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  try {
    for (const [label, rangeMs] of RANGES) {
      const payload = await timed(RUNS, () => chartPayload(dataset, rangeMs));
      const baseline = await timed(BASELINE_RUNS, () => minuteRowsOnly(dataset, rangeMs));
      const bytes = (payload.result as string).length;
      const line = `${provider.padEnd(8)} ${label.padEnd(4)} chart payload median ${payload.median.toFixed(1)} ms (${(bytes / 1024).toFixed(0)} KiB JSON) | minute rows only: ${baseline.median.toFixed(0)} ms for ${(baseline.result as number).toLocaleString("en")} rows | ${(baseline.median / payload.median).toFixed(1)}× faster`;
      console.log(line);
      lines.push(line);
    }
  } finally {
    await dataset.drop();
  }
}
console.log(
  `\nSummary (medians of ${RUNS} runs after 2 warm-ups; baseline ${BASELINE_RUNS} runs):\n${lines.join("\n")}`,
);
process.exit(0);

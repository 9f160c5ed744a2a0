import type { Tolerance } from "@/lib/domain/guardrails/guardrail-types";
import { formatHarm } from "@/lib/domain/plans/describe-verdict";
import type { GuardrailReadingView } from "@/lib/plans/get-release-plan";

// About the size it is drawn at in a tile, so its 10px labels read as 10px.
const W = 320;
const H = 112;
const PAD = { top: 8, right: 6, bottom: 18, left: 46 };

export type IntervalPoint = { minute: number; estimate: number; lower: number | null; upper: number | null };

/** Readings with an estimate, in runs without gaps: a minute without one (waiting) breaks the band. */
export function intervalRuns(readings: readonly GuardrailReadingView[]): IntervalPoint[][] {
  const runs: IntervalPoint[][] = [];
  let run: IntervalPoint[] = [];
  let last: number | null = null;
  for (const r of readings) {
    if (r.estimate === null || !Number.isFinite(r.estimate)) {
      if (run.length) runs.push(run);
      run = [];
      last = null;
      continue;
    }
    // A gap of more than a few ticks (paused, the backend down) is a gap on the chart too.
    if (last !== null && r.minute - last > 5 && run.length) {
      runs.push(run);
      run = [];
    }
    run.push({ minute: r.minute, estimate: r.estimate, lower: r.lower, upper: r.upper });
    last = r.minute;
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The value range to draw: every bound, the estimate, zero and the tolerance, with a little air. */
export function valueDomain(runs: readonly IntervalPoint[][], tolerance: number): [number, number] {
  const values = [0, tolerance];
  for (const run of runs)
    for (const p of run) {
      values.push(p.estimate);
      if (p.lower !== null && Number.isFinite(p.lower)) values.push(p.lower);
      if (p.upper !== null && Number.isFinite(p.upper)) values.push(p.upper);
    }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const air = (hi - lo || Math.abs(tolerance) || 1) * 0.1;
  return [lo - air, hi + air];
}

const utcClock = (minute: number) => new Date(minute * 60_000).toISOString().slice(11, 16);

/**
 * The guardrail's interval over time: the band from lower to upper bound, the estimate as a
 * line, zero (no difference) and the tolerance dashed. Harm is up: above the dashed line is a
 * regression. Drawn as plain SVG so the server renders it; times are UTC so both renders agree.
 */
export function IntervalChart({
  readings,
  tolerance,
  label,
}: {
  readings: readonly GuardrailReadingView[];
  tolerance: Tolerance;
  /** The accessible name: what the chart shows, in words. */
  label: string;
}) {
  const runs = intervalRuns(readings);
  if (runs.length === 0) {
    return (
      <div
        className="flex h-24 items-center justify-center rounded-md border border-dashed border-zinc-200 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400"
        role="img"
        aria-label={`${label}: no interval yet`}
      >
        No interval yet
      </div>
    );
  }
  const first = runs[0]![0]!.minute;
  const last = runs.at(-1)!.at(-1)!.minute;
  const span = Math.max(1, last - first);
  const [lo, hi] = valueDomain(runs, tolerance.value);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (minute: number) => PAD.left + (last === first ? plotW : ((minute - first) / span) * plotW);
  const y = (v: number) => PAD.top + plotH - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotH;
  const f = (n: number) => n.toFixed(1);

  const bands = runs.map((run) => {
    const top = run.map((p) => `${f(x(p.minute))},${f(y(p.upper ?? hi))}`);
    const bottom = [...run].reverse().map((p) => `${f(x(p.minute))},${f(y(p.lower ?? lo))}`);
    // One reading draws as a thin bar rather than nothing.
    if (run.length === 1) {
      const p = run[0]!;
      const cx = x(p.minute);
      return `M${f(cx - 2)},${f(y(p.upper ?? hi))}H${f(cx + 2)}V${f(y(p.lower ?? lo))}H${f(cx - 2)}Z`;
    }
    return `M${top.join("L")}L${bottom.join("L")}Z`;
  });
  const lines = runs.map((run) => run.map((p, i) => `${i ? "L" : "M"}${f(x(p.minute))},${f(y(p.estimate))}`).join(""));
  const latest = runs.at(-1)!.at(-1)!;

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full overflow-visible"
      role="img"
      aria-label={`${label}. Latest ${formatHarm(latest.estimate, tolerance.kind)}, tolerance ${formatHarm(tolerance.value, tolerance.kind)}.`}
    >
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={f(y(0))}
        y2={f(y(0))}
        className="stroke-zinc-300 dark:stroke-zinc-600"
        strokeWidth={1}
      />
      {Math.abs(y(0) - y(tolerance.value)) >= 10 && (
        <text
          x={PAD.left - 4}
          y={f(y(0) + 3)}
          textAnchor="end"
          className="fill-zinc-500 text-[10px] dark:fill-zinc-400"
        >
          0
        </text>
      )}
      {bands.map((d, i) => (
        <path key={`band-${i}`} d={d} className="fill-sky-500/20 dark:fill-sky-400/25" />
      ))}
      {lines.map((d, i) => (
        <path
          key={`line-${i}`}
          d={d}
          fill="none"
          strokeWidth={1.75}
          strokeLinejoin="round"
          className="stroke-sky-700 dark:stroke-sky-300"
        />
      ))}
      {runs.map((run) =>
        run.length === 1 ? (
          <circle
            key={`dot-${run[0]!.minute}`}
            cx={f(x(run[0]!.minute))}
            cy={f(y(run[0]!.estimate))}
            r={2.5}
            className="fill-sky-700 dark:fill-sky-300"
          />
        ) : null,
      )}
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={f(y(tolerance.value))}
        y2={f(y(tolerance.value))}
        strokeDasharray="4 3"
        strokeWidth={1.25}
        className="stroke-red-600 dark:stroke-red-400"
      />
      <text
        x={PAD.left - 4}
        y={f(y(tolerance.value) + 3)}
        textAnchor="end"
        className="fill-red-700 text-[10px] dark:fill-red-300"
      >
        {formatHarm(tolerance.value, tolerance.kind)}
      </text>
      <text x={PAD.left} y={H - 4} className="fill-zinc-500 text-[10px] dark:fill-zinc-400">
        {utcClock(first)}
      </text>
      <text x={W - PAD.right} y={H - 4} textAnchor="end" className="fill-zinc-500 text-[10px] dark:fill-zinc-400">
        {utcClock(last)} UTC
      </text>
    </svg>
  );
}

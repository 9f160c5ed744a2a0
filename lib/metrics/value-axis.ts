import type { ChartRow } from "./chart-rows";

/**
 * Steps with fewer samples than this don't stretch a chart's value axis: three requests with one
 * failure read 33%, and an axis stretched to fit them flattens every well-measured step into a
 * line along the bottom. Such a step is still drawn (it runs off the top) and its tooltip keeps
 * the exact value and its n.
 */
export const MIN_SAMPLES_FOR_AXIS = 20;

export type ValueAxis = { max: number; clippedSteps: number } | null;

// Ceilings that split into four even ticks (0, ¼, ½, ¾, 1) without long decimals.
const NICE = [1, 2, 4, 6, 8, 10];

function niceCeil(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const nice = NICE.find((n) => n * magnitude >= value) ?? 10;
  return nice * magnitude;
}

/**
 * The value axis when thin steps would otherwise set it: the top of the well-measured steps,
 * rounded up, and how many thin steps go past it. Null when the automatic axis is right: no
 * step past the well-measured ones, or no well-measured step at all.
 */
export function valueAxisFor(rows: ChartRow[], minSamples = MIN_SAMPLES_FOR_AXIS): ValueAxis {
  let measuredMax = -Infinity;
  const thin: number[] = [];
  for (const row of rows) {
    for (const [value, samples] of [
      [row.treatment, row.treatmentSamples],
      [row.control, row.controlSamples],
    ] as const) {
      if (value === null) continue;
      if (samples !== null && samples < minSamples) thin.push(value);
      else measuredMax = Math.max(measuredMax, value);
    }
  }
  if (!(measuredMax > 0)) return null;
  const max = niceCeil(measuredMax * 1.05);
  const clippedSteps = thin.filter((value) => value > max).length;
  return clippedSteps > 0 ? { max, clippedSteps } : null;
}

import { formatBasisPoints } from "./percent";

type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/**
 * The words of a percentage change, for its audit event and its change request:
 * "eu 5% → 25%, everyone else 0% → 1%"; a cohort without a value of its own reads
 * "0% (everyone else)", the share it gets by following everyone else.
 */
export function describeRolloutChange(before: Percentages, after: Percentages): string {
  const parts: string[] = [];
  const keys = new Set([...Object.keys(before.cohorts), ...Object.keys(after.cohorts)]);
  const side = (p: Percentages, key: string) => {
    const own = p.cohorts[key];
    return own === undefined ? `${formatBasisPoints(p.defaultBasisPoints)} (everyone else)` : formatBasisPoints(own);
  };
  for (const key of [...keys].sort()) {
    if (before.cohorts[key] === after.cohorts[key]) continue;
    parts.push(`${key} ${side(before, key)} → ${side(after, key)}`);
  }
  if (before.defaultBasisPoints !== after.defaultBasisPoints) {
    parts.push(
      `everyone else ${formatBasisPoints(before.defaultBasisPoints)} → ${formatBasisPoints(after.defaultBasisPoints)}`,
    );
  }
  return parts.join(", ");
}

/** A whole percentage table in words: "beta 50%, mobile 20%, everyone else 10%". */
export function describePercentages(p: Percentages): string {
  const cohorts = Object.keys(p.cohorts)
    .sort()
    .map((key) => `${key} ${formatBasisPoints(p.cohorts[key]!)}`);
  return [...cohorts, `everyone else ${formatBasisPoints(p.defaultBasisPoints)}`].join(", ");
}

import { formatBasisPoints } from "./percent";

type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/**
 * The words of a percentage change, for its audit event and its change request:
 * "eu 5% → 25%, everyone else 0% → 1%"; a cohort without a value reads "default".
 */
export function describeRolloutChange(before: Percentages, after: Percentages): string {
  const parts: string[] = [];
  const keys = new Set([...Object.keys(before.cohorts), ...Object.keys(after.cohorts)]);
  for (const key of [...keys].sort()) {
    const was = before.cohorts[key];
    const now = after.cohorts[key];
    if (was === now) continue;
    parts.push(
      `${key} ${was === undefined ? "default" : formatBasisPoints(was)} → ${now === undefined ? "default" : formatBasisPoints(now)}`,
    );
  }
  if (before.defaultBasisPoints !== after.defaultBasisPoints) {
    parts.push(
      `everyone else ${formatBasisPoints(before.defaultBasisPoints)} → ${formatBasisPoints(after.defaultBasisPoints)}`,
    );
  }
  return parts.join(", ");
}

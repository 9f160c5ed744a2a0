import { effectiveBasisPoints } from "./effective-basis-points";
import { formatBasisPoints, MAX_BASIS_POINTS } from "./percent";
import type { ReleaseStatus } from "./rollout-state";

export type RolloutSummaryInput = {
  status: ReleaseStatus;
  defaultBasisPoints: number;
  /** null: the cohort follows the default percentage. */
  cohorts: readonly { basisPoints: number | null }[];
};

export type RolloutSummary = {
  /** The highest share any cohort (or everyone else) gets. */
  maxBasisPoints: number;
  /** "Up to 25%", "Everyone at 100%". */
  headline: string;
  /** "2 cohorts at 100%, 3 ramping (5%–25%), 1 at 0% · everyone else 0%". */
  detail: string;
};

function cohorts(n: number): string {
  return `${n} cohort${n === 1 ? "" : "s"}`;
}

/**
 * Where a rollout stands, in one line, until rollout plans give it a step number: how many
 * cohorts are fully in, ramping or not started, and what everyone else gets.
 */
export function summariseRollout(input: RolloutSummaryInput): RolloutSummary {
  const everyoneElse = effectiveBasisPoints(input.status, input.defaultBasisPoints);
  const shares = input.cohorts.map((c) =>
    effectiveBasisPoints(input.status, c.basisPoints ?? input.defaultBasisPoints),
  );
  const maxBasisPoints = Math.max(everyoneElse, ...shares);
  const full = shares.filter((bp) => bp >= MAX_BASIS_POINTS).length;
  const ramping = shares.filter((bp) => bp > 0 && bp < MAX_BASIS_POINTS);
  const none = shares.filter((bp) => bp <= 0).length;

  const parts: string[] = [];
  if (full) parts.push(`${cohorts(full)} at 100%`);
  if (ramping.length) {
    const low = Math.min(...ramping);
    const high = Math.max(...ramping);
    parts.push(
      `${ramping.length} ramping (${low === high ? formatBasisPoints(low) : `${formatBasisPoints(low)}–${formatBasisPoints(high)}`})`,
    );
  }
  if (none) parts.push(`${none} at 0%`);
  const detail = [parts.join(", "), `everyone else ${formatBasisPoints(everyoneElse)}`].filter(Boolean).join(" · ");

  const everyone = shares.every((bp) => bp === everyoneElse);
  const headline = everyone
    ? `Everyone at ${formatBasisPoints(everyoneElse)}`
    : `Up to ${formatBasisPoints(maxBasisPoints)}`;
  return { maxBasisPoints, headline, detail };
}

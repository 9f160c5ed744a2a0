/**
 * Treatment against control over a window, for the health column of the team page: which
 * cohort looks worst and whether that is a regression. Pure; the metrics backend supplies the
 * points.
 */

export type ComparedKind = "error_rate" | "latency" | "count" | "mean";
export type ComparedMetric = { kind: ComparedKind; badDirection: "up" | "down" };

/** One step of a series: its value and the observations behind it (null: the backend can't tell). */
export type ComparisonPoint = { t?: number; value: number | null; samples: number | null };

export type WindowValue = { value: number | null; samples: number | null; points: number };

export type VariantComparison = {
  treatment: WindowValue;
  control: WindowValue;
  /**
   * How much worse treatment is than control, relative to control, in the metric's bad
   * direction: 0.2 = 20% worse, negative = better, Infinity = worse than a control of zero.
   * null: no comparison (a variant without data, or a count, which depends on the split).
   */
  harm: number | null;
  enoughSamples: boolean;
  /** Whether the difference is more than noise (see isSignificant). */
  significant: boolean;
  regression: boolean;
};

/** Treatment worse than control by more than this (relative) is a regression… */
export const REGRESSION_THRESHOLD = 0.2;
/** …once each variant has at least this many observations in the window… */
export const MIN_SAMPLES = 100;
/** …or, from a backend that can't count observations, this many steps with a value… */
export const MIN_POINTS_WITHOUT_SAMPLES = 6;
/**
 * …and the difference is unlikely to be noise: an error rate's two-proportion z at least this
 * (one-sided p ≈ 0.001; strict, because a page of 20 releases × cohorts × metrics makes
 * hundreds of comparisons, and one user's errors come in bursts)…
 */
export const MIN_Z = 3;
/** …or, for quantiles and means (no variance to test with), treatment worse in so many steps that a fair coin would do it with p ≤ this. */
export const SIGN_TEST_ALPHA = 0.01;

/**
 * One number for the window. Rates and means are weighted by the observations behind each step
 * (so an error rate is errors / requests over the window); latency quantiles can't be merged
 * from steps, so their weighted mean stands in. Counts add up.
 */
export function windowValue(kind: ComparedKind, points: readonly ComparisonPoint[]): WindowValue {
  const present = points.filter(
    (p): p is { value: number; samples: number | null } => p.value !== null && Number.isFinite(p.value),
  );
  if (present.length === 0)
    return { value: null, samples: points.some((p) => p.samples !== null) ? 0 : null, points: 0 };
  const counted = present.every((p) => p.samples !== null);
  const samples = counted ? present.reduce((sum, p) => sum + p.samples!, 0) : null;
  if (kind === "count") return { value: present.reduce((sum, p) => sum + p.value, 0), samples, points: present.length };
  if (counted && samples! > 0) {
    return {
      value: present.reduce((sum, p) => sum + p.value * p.samples!, 0) / samples!,
      samples,
      points: present.length,
    };
  }
  return { value: present.reduce((sum, p) => sum + p.value, 0) / present.length, samples, points: present.length };
}

function enough(value: WindowValue): boolean {
  return value.samples !== null ? value.samples >= MIN_SAMPLES : value.points >= MIN_POINTS_WITHOUT_SAMPLES;
}

export function harmOf(badDirection: "up" | "down", treatment: number, control: number): number {
  if (control === 0) {
    if (badDirection === "up") return treatment > 0 ? Number.POSITIVE_INFINITY : 0;
    return treatment < 0 ? Number.POSITIVE_INFINITY : 0;
  }
  const relative = (treatment - control) / Math.abs(control);
  return badDirection === "up" ? relative : -relative;
}

/** Two-proportion z of treatment's error rate above control's (positive: treatment worse), from errors / requests. */
export function proportionZ(
  treatment: { value: number; samples: number },
  control: { value: number; samples: number },
): number {
  const { value: pt, samples: nt } = treatment;
  const { value: pc, samples: nc } = control;
  const pooled = (pt * nt + pc * nc) / (nt + nc);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nt + 1 / nc));
  if (!(se > 0)) return pt > pc ? Number.POSITIVE_INFINITY : 0;
  return (pt - pc) / se;
}

/** P(X ≥ k) for X ~ Binomial(n, ½): how often a fair coin comes up "worse" k times of n. */
export function signTestP(worse: number, n: number): number {
  if (n <= 0) return 1;
  let logChoose = 0; // log C(n, 0)
  let tail = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    if (i >= worse) tail += Math.exp(logChoose - n * Math.LN2);
  }
  return Math.min(1, tail);
}

/** Steps where both variants have a value, paired by time (or by position without times). */
function pairs(treatment: readonly ComparisonPoint[], control: readonly ComparisonPoint[]): [number, number][] {
  const timed = treatment.every((p) => p.t !== undefined) && control.every((p) => p.t !== undefined);
  if (!timed) {
    return treatment.flatMap((p, i) => {
      const c = control[i]?.value;
      return p.value !== null && c !== null && c !== undefined ? [[p.value, c] as [number, number]] : [];
    });
  }
  const controlAt = new Map(control.map((p) => [p.t, p.value]));
  return treatment.flatMap((p) => {
    const c = controlAt.get(p.t);
    return p.value !== null && c !== null && c !== undefined ? [[p.value, c] as [number, number]] : [];
  });
}

function isSignificant(
  metric: ComparedMetric,
  t: WindowValue,
  c: WindowValue,
  treatmentPoints: readonly ComparisonPoint[],
  controlPoints: readonly ComparisonPoint[],
): boolean {
  if (
    metric.kind === "error_rate" &&
    t.samples !== null &&
    c.samples !== null &&
    t.value !== null &&
    c.value !== null &&
    t.samples > 0 &&
    c.samples > 0
  ) {
    const z = proportionZ({ value: t.value, samples: t.samples }, { value: c.value, samples: c.samples });
    return (metric.badDirection === "up" ? z : -z) >= MIN_Z;
  }
  const steps = pairs(treatmentPoints, controlPoints).filter(([tv, cv]) => tv !== cv);
  const worse = steps.filter(([tv, cv]) => (metric.badDirection === "up" ? tv > cv : tv < cv)).length;
  return steps.length >= MIN_POINTS_WITHOUT_SAMPLES && signTestP(worse, steps.length) <= SIGN_TEST_ALPHA;
}

export function compareVariants(
  metric: ComparedMetric,
  treatmentPoints: readonly ComparisonPoint[],
  controlPoints: readonly ComparisonPoint[],
): VariantComparison {
  const treatment = windowValue(metric.kind, treatmentPoints);
  const control = windowValue(metric.kind, controlPoints);
  const harm =
    metric.kind === "count" || treatment.value === null || control.value === null
      ? null
      : harmOf(metric.badDirection, treatment.value, control.value);
  const enoughSamples = enough(treatment) && enough(control);
  const significant =
    harm !== null && harm > 0 && isSignificant(metric, treatment, control, treatmentPoints, controlPoints);
  return {
    treatment,
    control,
    harm,
    enoughSamples,
    significant,
    regression: enoughSamples && significant && harm !== null && harm > REGRESSION_THRESHOLD,
  };
}

export type CohortPoints = {
  cohortKey: string;
  treatment: readonly ComparisonPoint[];
  control: readonly ComparisonPoint[];
};

export type CohortPick = {
  cohortKey: string;
  /** "worst": treatment furthest from control in the bad direction; "busiest": no comparison possible, the cohort with most data. */
  basis: "worst" | "busiest";
  comparison: VariantComparison;
};

function volume(c: VariantComparison): number {
  const of = (v: WindowValue) => v.samples ?? v.points;
  return of(c.treatment) + of(c.control);
}

/**
 * The cohort to draw: where treatment looks worst relative to control. Regressions come first,
 * then cohorts with enough observations, so three unlucky requests don't hide a real one.
 * When nothing can be compared (counts, or only one variant anywhere), the cohort with most data.
 */
export function pickWorstCohort(metric: ComparedMetric, cohorts: readonly CohortPoints[]): CohortPick | null {
  const compared = cohorts.map((c) => ({
    cohortKey: c.cohortKey,
    comparison: compareVariants(metric, c.treatment, c.control),
  }));
  const comparable = compared.filter((c) => c.comparison.harm !== null);
  if (comparable.length > 0) {
    const [worst] = [...comparable].sort(
      (a, b) =>
        Number(b.comparison.regression) - Number(a.comparison.regression) ||
        Number(b.comparison.enoughSamples) - Number(a.comparison.enoughSamples) ||
        b.comparison.harm! - a.comparison.harm! ||
        volume(b.comparison) - volume(a.comparison),
    );
    return { ...worst!, basis: "worst" };
  }
  const withData = compared.filter((c) => c.comparison.treatment.points + c.comparison.control.points > 0);
  if (withData.length === 0) return null;
  const [busiest] = [...withData].sort((a, b) => volume(b.comparison) - volume(a.comparison));
  return { ...busiest!, basis: "busiest" };
}

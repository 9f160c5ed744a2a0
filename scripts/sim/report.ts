// The simulation's results as markdown: one table per scenario, the arithmetic behind the
// detection times, and a summary against the targets.
import { breachArithmetic, checkoutsHealthyMinutes, sampleRatioArithmetic, type BreachArithmetic } from "./arithmetic";
import type { RunOutcome } from "./outcomes";
import type { VariantResult } from "./run-variant";
import { cohortName } from "./names";
import { AS_SPECIFIED, BAKE_MINUTES, STEP_PERCENTAGES, TUNED, type Variant } from "./scenarios";
import { CHECKOUTS_PER_USER, REQUESTS_PER_COHORT_MINUTE, USERS_PER_REQUEST } from "./traffic";
import { minutes, percent, quantile, share, upperBound95 } from "./stats";

export type Ran = { variant: Variant; result: VariantResult };
type Row = [string, ...string[]];
type SummaryRow = { scenario: string; question: string; result: string; target: string; met: string };

function table(header: Row, rows: Row[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function medianP95(values: number[]): string {
  if (values.length === 0) return "—";
  return `${quantile(values, 0.5)} / ${quantile(values, 0.95)} min`;
}

function simulated(result: VariantResult): string {
  return `${result.minutesSimulated} min, ${result.planTicks.toLocaleString("en-US")} plan ticks, ${Math.round(result.wallSeconds)} s`;
}

const isRegression = (o: RunOutcome) => o.rolledBackAt !== null || o.heldKind === "regression";
const count = (outcomes: RunOutcome[], test: (o: RunOutcome) => boolean) => outcomes.filter(test).length;

function withBound(hits: number, of: number): string {
  return `${share(hits, of)}; 95% upper bound ${percent(upperBound95(hits, of))}`;
}

function aaSection(ran: Ran[], summary: SummaryRow[]): string {
  const columns = ran.map(({ variant }) => variant.title);
  const rows: Row[] = [
    ["Runs", ...ran.map(({ result }) => String(result.runs))],
    ...(
      [
        [
          "Wrongly rolled back or held for a regression (target ≤ 1%)",
          (o) => withBound(count(o, isRegression), o.length),
        ],
        [
          "Held for sample ratio mismatch (target ≤ 1%)",
          (o) =>
            withBound(
              count(o, (x) => x.heldKind === "sample_ratio"),
              o.length,
            ),
        ],
        [
          "Held for too little data",
          (o) =>
            share(
              count(o, (x) => x.heldKind === "too_little_data"),
              o.length,
            ),
        ],
        [
          "Finished (promoted)",
          (o) =>
            share(
              count(o, (x) => x.status === "finished"),
              o.length,
            ),
        ],
        [
          "Time to finish, median / p95",
          (o) => medianP95(o.flatMap((x) => (x.finishedAt === null ? [] : [x.finishedAt]))),
        ],
        [
          "Still running when the simulation stopped",
          (o) =>
            share(
              count(o, (x) => x.status === "running"),
              o.length,
            ),
        ],
      ] as [string, (o: RunOutcome[]) => string][]
    ).map(([label, cell]): Row => [label, ...ran.map(({ result }) => cell(result.outcomes))]),
    ["Simulated", ...ran.map(({ result }) => simulated(result))],
  ];
  const tuned = ran.find(({ variant }) => variant.id === "aa");
  if (tuned) {
    const o = tuned.result.outcomes;
    const regressions = count(o, isRegression);
    const ratio = count(o, (x) => x.heldKind === "sample_ratio");
    summary.push(
      {
        scenario: "A/A",
        question: "wrongly rolled back or held for a regression",
        result: share(regressions, o.length),
        target: "≤ 1%",
        met: regressions <= 0.01 * o.length ? "yes" : "**no**",
      },
      {
        scenario: "A/A",
        question: "held for sample ratio mismatch",
        result: share(ratio, o.length),
        target: "≤ 1%",
        met: ratio <= 0.01 * o.length ? "yes" : "**no**",
      },
      {
        scenario: "A/A",
        question: "finished; median time to finish",
        result: `${percent(count(o, (x) => x.status === "finished") / o.length)}; ${minutes(
          quantile(
            o.flatMap((x) => (x.finishedAt === null ? [] : [x.finishedAt])),
            0.5,
          ),
        )}`,
        target: "—",
        met: "—",
      },
    );
  }
  const reasons = ran.flatMap(({ variant, result }) =>
    result.outcomes
      .filter(isRegression)
      .slice(0, 3)
      .map((o) => `- ${variant.id} run ${o.run + 1}: ${o.rollbackReason ?? o.heldReason}`),
  );
  const first = STEP_PERCENTAGES[0]! / 100;
  const healthy = [AS_SPECIFIED, TUNED].map((t) => ({
    tolerance: t.checkoutsTolerance,
    ...checkoutsHealthyMinutes(t.checkoutsTolerance, first),
  }));
  const why =
    `Why tuned: at the ${percent(first, 0)} step a cohort's treatment gets ${REQUESTS_PER_COHORT_MINUTE * USERS_PER_REQUEST * first} new users ` +
    `and ${(REQUESTS_PER_COHORT_MINUTE * USERS_PER_REQUEST * first * CHECKOUTS_PER_USER).toFixed(1)} checkouts a minute. On expected counts ` +
    healthy
      .map(
        (h) =>
          `checkouts −${h.tolerance * 100}% is healthy after ${h.users?.toLocaleString("en-US") ?? "—"} treatment users (${minutes(h.minutes)})`,
      )
      .join(", ") +
    `, for a cohort whose estimate is exactly right; every one of the 20 cohorts must be healthy at once, and the slowest ` +
    `takes about three times as long. The error budget, the other tolerances, the steps and the bake times are as specified.`;
  return [
    "### 1. A/A: treatment identical to control",
    "",
    `Every cohort ${STEP_PERCENTAGES.join("% → ")}% (bake ${BAKE_MINUTES} min each) → promote; guardrails error rate +0.5 pp, ` +
      `latency p95 +10%, checkouts −${TUNED.checkoutsTolerance * 100}% (as specified: −${AS_SPECIFIED.checkoutsTolerance * 100}%), ` +
      `patience ${TUNED.patienceBakes} bakes (as specified: ${AS_SPECIFIED.patienceBakes}); the plan's error budget α = 1%, untouched.`,
    "",
    table(["", ...columns], rows),
    "",
    why,
    ...(reasons.length ? ["", "First regressions named:", ...reasons] : []),
  ].join("\n");
}

function breachWords(kind: "errors" | "latency", a: BreachArithmetic): string {
  const unit = kind === "errors" ? "requests" : "observations";
  const signed = (text: string) => text.replace(/^-/, "−");
  const bound = (x: number | null) =>
    x === null ? "unbounded" : signed(kind === "errors" ? `${(x * 100).toFixed(1)} pp` : percent(x, 0));
  const tolerance = kind === "errors" ? "+0.5 pp" : "+10%";
  return [
    `Why not 5 minutes: each comparison gets α = 1% / (21 cohorts × 3 metrics) = ${a.alpha.toExponential(2)}. ` +
      `At the cohort's ${percent(a.share, 0)} step its treatment sees ${a.perMinute} ${unit} a minute. On expected counts ` +
      `(no noise) the anytime-valid interval first clears the tolerance (${tolerance}) after ` +
      `${a.minutes ?? "more than 1440"} min = ${a.samples?.toLocaleString("en-US") ?? "—"} treatment ${unit}; ` +
      `at 5 min (${(a.perMinute * 5).toLocaleString("en-US")}) it is ${bound(a.atFive.lower)} to ${bound(a.atFive.upper)}.`,
    `Minutes to a roll back on expected counts by the cohort's first step: ` +
      a.bySplit.map((s) => `${percent(s.share, 0)} → ${s.minutes ?? "> 1440"}`).join(", ") +
      ".",
  ].join(" ");
}

function detectionSection(
  index: number,
  kind: "errors" | "latency",
  { variant, result }: Ran,
  summary: SummaryRow[],
): string {
  const o = result.outcomes;
  const metricName = kind === "errors" ? "Error rate" : "Latency";
  const brokenName = (run: number) => cohortName(variant.harm!(run).cohort);
  const caught = o.filter(
    (x) => x.rolledBackAt !== null && x.regression?.metric === metricName && x.regression.cohort === brokenName(x.run),
  );
  const other = o.filter((x) => isRegression(x) && !caught.includes(x));
  const times = caught.map((x) => x.rolledBackAt!);
  const withinFive = times.filter((t) => t <= 5).length;
  const harmed = o.map((x) => x.harmedShare);
  const arithmetic = breachArithmetic(kind, variant.plan, STEP_PERCENTAGES[0]! / 100);
  const rows: Row[] = [
    ["Runs", String(result.runs)],
    ["Rolled back within 5 min of the cohort's first step", share(withinFive, o.length)],
    ["Time to roll back, median / p95", medianP95(times)],
    ["Fastest roll back", minutes(quantile(times, 0))],
    ["Rolled back at all, for the broken cohort's metric", share(caught.length, o.length)],
    ["Rolled back or held for another cohort or metric", share(other.length, o.length)],
    ["Max share of all users ever exposed to the broken treatment", percent(Math.max(0, ...harmed), 2)],
    [
      "Users exposed to it by the roll back, median",
      Math.round(
        quantile(
          caught.map((x) => x.harmedUsers),
          0.5,
        ) ?? 0,
      ).toLocaleString("en-US"),
    ],
    ["Simulated", simulated(result)],
  ];
  summary.push(
    {
      scenario: variant.title,
      question: "rolled back within 5 min",
      result: share(withinFive, o.length),
      target: "—",
      met: withinFive === o.length ? "yes" : "**no** (arithmetic below)",
    },
    {
      scenario: variant.title,
      question: "time to roll back, median / p95",
      result: medianP95(times),
      target: "—",
      met: "—",
    },
    {
      scenario: variant.title,
      question: "rolled back at all",
      result: share(caught.length, o.length),
      target: "—",
      met: "—",
    },
  );
  return [
    `### ${index}. ${variant.title}`,
    "",
    "Run r breaks cohort (r mod 20) + 1, which like every cohort starts at 5%; every user is in one of the 20 cohorts, " +
      "so about 0.25% of all users can get the broken treatment while it stays there.",
    "",
    table(["Quantity", "Result"], rows),
    "",
    breachWords(kind, arithmetic),
  ].join("\n");
}

function outageSection(ran: Ran[], summary: SummaryRow[]): string {
  const sum = (o: RunOutcome[], key: keyof RunOutcome) => o.reduce((total, x) => total + Number(x[key]), 0);
  const rows: Row[] = [
    ["Runs", ...ran.map(({ result }) => String(result.runs))],
    [
      "Ticks whose metrics read failed",
      ...ran.map(({ result }) => sum(result.outcomes, "failingTicks").toLocaleString("en-US")),
    ],
    [
      "Steps taken on a tick whose read failed (must be 0)",
      ...ran.map(
        ({ result }) =>
          `${sum(result.outcomes, "advancesWhileFailing")} (in ${count(result.outcomes, (x) => x.advancesWhileFailing > 0)} runs)`,
      ),
    ],
    [
      "Steps taken on ticks that answered",
      ...ran.map(({ result }) => sum(result.outcomes, "advances").toLocaleString("en-US")),
    ],
    [
      "`plan.backend_unreachable` audit event recorded",
      ...ran.map(({ result }) =>
        share(
          count(result.outcomes, (x) => x.backendAlerts > 0),
          result.runs,
        ),
      ),
    ],
    [
      "`plan.backend_unreachable` webhook delivery queued",
      ...ran.map(({ result }) =>
        share(
          count(result.outcomes, (x) => x.backendWebhooks > 0),
          result.runs,
        ),
      ),
    ],
    [
      "Rolled back or held for a regression",
      ...ran.map(({ result }) => share(count(result.outcomes, isRegression), result.runs)),
    ],
    [
      "Finished (promoted); median time",
      ...ran.map(
        ({ result }) =>
          `${share(
            count(result.outcomes, (x) => x.status === "finished"),
            result.runs,
          )}; ${minutes(
            quantile(
              result.outcomes.flatMap((x) => (x.finishedAt === null ? [] : [x.finishedAt])),
              0.5,
            ),
          )}`,
      ),
    ],
    ["Simulated", ...ran.map(({ result }) => simulated(result))],
  ];
  for (const { variant, result } of ran) {
    const advances = sum(result.outcomes, "advancesWhileFailing");
    summary.push({
      scenario: variant.title,
      question: "steps taken while the read failed",
      result: `${advances} in ${result.runs} runs`,
      target: "0",
      met: advances === 0 ? "yes" : "**no**",
    });
    if (variant.failure === 1) {
      const alerted = count(result.outcomes, (x) => x.backendAlerts > 0 && x.backendWebhooks > 0);
      summary.push({
        scenario: variant.title,
        question: "backend-unreachable event recorded",
        result: share(alerted, result.runs),
        target: "all",
        met: alerted === result.runs ? "yes" : "**no**",
      });
    }
  }
  return [
    "### 4. Metrics outage",
    "",
    "The reader answers `{ ok: false }` for every plan at every tick, or for each plan at 30% of ticks at random. A step taken on a failing tick is a plan whose step moved (or that finished) during a tick whose read failed.",
    "",
    table(["", ...ran.map(({ variant }) => variant.title)], rows),
  ].join("\n");
}

function srmSection(ran: Ran[], aa: Ran | undefined, summary: SummaryRow[]): string {
  const rows: Row[] = [
    ["Runs", ...ran.map(({ result }) => String(result.runs))],
    [
      "Held for sample ratio mismatch within 10 min (target ≥ 95%)",
      ...ran.map(({ result }) =>
        share(
          count(result.outcomes, (x) => x.heldKind === "sample_ratio" && x.heldAt! <= 10),
          result.runs,
        ),
      ),
    ],
    [
      "Time to hold, median / p95",
      ...ran.map(({ result }) =>
        medianP95(result.outcomes.flatMap((x) => (x.heldKind === "sample_ratio" ? [x.heldAt!] : []))),
      ),
    ],
    [
      "Held for sample ratio mismatch at all",
      ...ran.map(({ result }) =>
        share(
          count(result.outcomes, (x) => x.heldKind === "sample_ratio"),
          result.runs,
        ),
      ),
    ],
    [
      "Rolled back or held for a regression",
      ...ran.map(({ result }) => share(count(result.outcomes, isRegression), result.runs)),
    ],
    ["Simulated", ...ran.map(({ result }) => simulated(result))],
  ];
  for (const { variant, result } of ran) {
    const within = count(result.outcomes, (x) => x.heldKind === "sample_ratio" && x.heldAt! <= 10);
    summary.push({
      scenario: variant.title,
      question: "held for SRM within 10 min",
      result: share(within, result.runs),
      target: "≥ 95%",
      met: within >= 0.95 * result.runs ? "yes" : "**no** (arithmetic below)",
    });
  }
  const lines = ran.map(({ variant }) => {
    const a = sampleRatioArithmetic(variant.plan, 0.1);
    return (
      `${variant.title}: α per cohort × step = ${a.alpha.toExponential(2)}; on expected counts a 10% treatment deficit is called after ` +
      a.bySplit
        .map(
          (s) =>
            `${s.users?.toLocaleString("en-US") ?? "—"} exposed users = ${s.minutes ?? "—"} min at a ${percent(s.share, 0)} split`,
        )
        .join(", ") +
      " (1,200 new users a minute per cohort)."
    );
  });
  const aaLine = aa
    ? `A/A (scenario 1, tuned plan): held for sample ratio mismatch in ${share(
        count(aa.result.outcomes, (x) => x.heldKind === "sample_ratio"),
        aa.result.runs,
      )}.`
    : "";
  return [
    "### 5. Sample ratio mismatch",
    "",
    "Treatment's exposed users in one cohort are counted 10% short (an exposure-logging bug); requests, errors, latency and checkouts are as in A/A.",
    "",
    table(["", ...ran.map(({ variant }) => variant.title)], rows),
    "",
    ...lines.map((line) => `- ${line}`),
    ...(aaLine ? [`- ${aaLine}`] : []),
  ].join("\n");
}

export function report(
  ran: Ran[],
  meta: { command: string; seed: number; date: string; wallSeconds: number; jobs: number; reused: string[] },
): string {
  const of = (id: string) => ran.find((r) => r.variant.id === id);
  const summary: SummaryRow[] = [];
  const sections: string[] = [];
  const aa = ran.filter((r) => r.variant.scenario === "aa");
  if (aa.length) sections.push(aaSection(aa, summary));
  const errors = of("errors");
  if (errors) sections.push(detectionSection(2, "errors", errors, summary));
  const latency = of("latency");
  if (latency) sections.push(detectionSection(3, "latency", latency, summary));
  const outage = ran.filter((r) => r.variant.scenario === "outage");
  if (outage.length) sections.push(outageSection(outage, summary));
  const srm = ran.filter((r) => r.variant.scenario === "srm");
  if (srm.length) sections.push(srmSection(srm, of("aa"), summary));
  const skipped = ran.filter(({ result }) => result.skipped.count > 0);
  return [
    `Command: \`${meta.command}\` — seed ${meta.seed}, ${meta.date}, wall time ${formatWall(meta.wallSeconds)} ` +
      `(${meta.jobs} variants at a time; the variants' own times add up to ` +
      `${formatWall(ran.reduce((total, r) => total + r.result.wallSeconds, 0))}` +
      (meta.reused.length
        ? `; ${meta.reused.join(", ")} reused from an earlier invocation with the same runs and seed`
        : "") +
      ").",
    "",
    "### Summary",
    "",
    table(
      ["Scenario", "Question", "Result", "Target", "Met"],
      summary.map((s): Row => [s.scenario, s.question, s.result, s.target, s.met]),
    ),
    ...(skipped.length
      ? [
          "",
          ...skipped.map(
            ({ variant, result }) =>
              `**${variant.id}: the controller skipped ${result.skipped.count} plan ticks** (first: ${result.skipped.first}).`,
          ),
        ]
      : []),
    "",
    sections.join("\n\n"),
  ].join("\n");
}

export function formatWall(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}

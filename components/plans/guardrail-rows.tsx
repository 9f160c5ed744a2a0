"use client";

import type { MetricKind } from "@/lib/metrics/metric-types";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { InlineErrors, invalidProps } from "./field-errors";
import type { GuardrailDraft } from "./plan-draft";

export type EditorMetric = {
  key: string;
  name: string;
  kind: MetricKind;
  /** Why it can't guard a plan (guardrailSupport), or null when it can. */
  refusal: string | null;
};

type Props = {
  guardrails: GuardrailDraft[];
  onChange: (guardrails: GuardrailDraft[], editedPath?: string) => void;
  metrics: readonly EditorMetric[];
  errors: FieldErrors;
  prefix: string;
};

/** A sensible first guardrail for a metric: error rates in points, the rest relative; p95 for latency. */
export function guardrailFor(metric: EditorMetric | undefined): GuardrailDraft {
  return {
    metricKey: metric?.key ?? "",
    quantile: metric?.kind === "latency" ? "0.95" : "",
    toleranceKind: metric?.kind === "error_rate" ? "absolute" : "relative",
    toleranceValue: metric?.kind === "error_rate" ? "0.5" : "10",
    onBreach: "rollback",
  };
}

/** One row per guarded metric: which metric (only those that can guard a plan), quantile, tolerance, and what a breach does. */
export function GuardrailRows({ guardrails, onChange, metrics, errors, prefix }: Props) {
  const usable = metrics.filter((m) => m.refusal === null);
  const refused = metrics.filter((m) => m.refusal !== null);

  function update(index: number, change: Partial<GuardrailDraft>, field: string) {
    onChange(
      guardrails.map((g, i) => (i === index ? { ...g, ...change } : g)),
      `${prefix}.guardrails.metrics.${index}.${field}`,
    );
  }

  function add() {
    const taken = new Set(guardrails.map((g) => g.metricKey));
    onChange([...guardrails, guardrailFor(usable.find((m) => !taken.has(m.key)))]);
  }

  return (
    <div className="space-y-3">
      {guardrails.length === 0 && (
        <p className="muted text-sm">
          No guardrails: the plan moves on bake time (and people) alone, and nothing rolls it back on harm.
        </p>
      )}
      <ul className="space-y-3">
        {guardrails.map((g, index) => {
          const at = `${prefix}.guardrails.metrics.${index}`;
          const metric = metrics.find((m) => m.key === g.metricKey);
          const id = `guardrail-${index}`;
          return (
            <li
              key={index}
              className="grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,14rem)_7rem_minmax(0,16rem)_minmax(0,14rem)_auto] lg:items-start dark:border-zinc-800"
            >
              <div>
                <label htmlFor={`${id}-metric`} className="label text-xs">
                  Metric
                </label>
                <select
                  id={`${id}-metric`}
                  className="input"
                  value={g.metricKey}
                  onChange={(e) => {
                    const chosen = metrics.find((m) => m.key === e.target.value);
                    onChange(
                      guardrails.map((x, i) => (i === index ? guardrailFor(chosen) : x)),
                      `${at}.metricKey`,
                    );
                  }}
                  {...invalidProps(errors, `${at}.metricKey`)}
                >
                  <option value="">Choose a metric…</option>
                  {usable.map((m) => (
                    <option key={m.key} value={m.key}>
                      {m.name}
                    </option>
                  ))}
                  {refused.length > 0 && (
                    <optgroup label="Can't guard a plan">
                      {refused.map((m) => (
                        <option key={m.key} value={m.key} disabled>
                          {m.name}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
                <InlineErrors errors={errors} path={`${at}.metricKey`} />
              </div>
              <div>
                <label htmlFor={`${id}-quantile`} className="label text-xs">
                  Quantile
                </label>
                <select
                  id={`${id}-quantile`}
                  className="input"
                  value={g.quantile}
                  disabled={metric?.kind !== "latency"}
                  onChange={(e) =>
                    update(index, { quantile: e.target.value as GuardrailDraft["quantile"] }, "quantile")
                  }
                  {...invalidProps(errors, `${at}.quantile`)}
                >
                  {metric?.kind !== "latency" && <option value="">—</option>}
                  <option value="0.5">p50</option>
                  <option value="0.95">p95</option>
                  <option value="0.99">p99</option>
                </select>
                <InlineErrors errors={errors} path={`${at}.quantile`} />
              </div>
              <div>
                <span id={`${id}-tolerance`} className="label text-xs">
                  Tolerance (treatment worse by at most)
                </span>
                <div className="flex gap-2">
                  <div className="relative w-24 shrink-0">
                    <input
                      className="input pr-8 text-right tabular-nums"
                      inputMode="decimal"
                      aria-labelledby={`${id}-tolerance`}
                      value={g.toleranceValue}
                      onChange={(e) => update(index, { toleranceValue: e.target.value }, "tolerance.value")}
                      {...invalidProps(errors, `${at}.tolerance.value`)}
                    />
                    <span aria-hidden className="muted pointer-events-none absolute top-1.5 right-2 text-sm">
                      {g.toleranceKind === "absolute" ? "pp" : "%"}
                    </span>
                  </div>
                  <select
                    className="input"
                    aria-label="Tolerance kind"
                    value={g.toleranceKind}
                    onChange={(e) =>
                      update(
                        index,
                        { toleranceKind: e.target.value as GuardrailDraft["toleranceKind"] },
                        "tolerance.kind",
                      )
                    }
                    {...invalidProps(errors, `${at}.tolerance.kind`)}
                  >
                    <option value="relative">relative</option>
                    <option value="absolute" disabled={metric !== undefined && metric.kind !== "error_rate"}>
                      absolute
                    </option>
                  </select>
                </div>
                <InlineErrors errors={errors} path={`${at}.tolerance.value`} />
                <InlineErrors errors={errors} path={`${at}.tolerance.kind`} />
              </div>
              <div>
                <label htmlFor={`${id}-breach`} className="label text-xs">
                  On regression
                </label>
                <select
                  id={`${id}-breach`}
                  className="input"
                  value={g.onBreach}
                  onChange={(e) =>
                    update(index, { onBreach: e.target.value as GuardrailDraft["onBreach"] }, "onBreach")
                  }
                >
                  <option value="rollback">Roll back the release</option>
                  <option value="zero_cohort">Set that cohort to 0% and hold</option>
                </select>
              </div>
              <div className="flex items-end lg:pt-6">
                <button
                  type="button"
                  className="text-xs text-red-700 hover:underline dark:text-red-300"
                  onClick={() => onChange(guardrails.filter((_, i) => i !== index))}
                >
                  Remove<span className="sr-only"> guardrail {metric?.name ?? index + 1}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="btn-secondary" onClick={add} disabled={guardrails.length >= 10}>
          Add a guardrail
        </button>
        {refused.length > 0 && (
          <p className="muted text-xs">
            Can&apos;t guard a plan: {refused.map((m) => `${m.name} (${m.refusal})`).join("; ")}.
          </p>
        )}
      </div>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { useHydrated } from "@/components/common/use-hydrated";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import {
  metricFormSchema,
  type CreateMetricDefinitionInput,
  type UpdateMetricDefinitionInput,
} from "@/lib/metrics/definitions/metric-definition-schemas";
import { BAD_DIRECTION_LABELS, KIND_HINTS, KIND_LABELS, SOURCE_LABELS } from "@/lib/metrics/definitions/metric-labels";
import {
  BAD_DIRECTIONS,
  METRIC_KINDS,
  METRIC_SOURCES,
  type MetricDefinitionView,
  type MetricKind,
} from "@/lib/metrics/metric-types";
import { fieldErrorsOf } from "@/lib/validation/parse-input";
import { MetricConflictNotice } from "./metric-conflict-notice";
import { keyFromName } from "@/components/forms/key-from-name";

type Editable = MetricDefinitionView & { version: number };
type Values = Omit<MetricDefinitionView, "query" | "sampleQuery"> & { query: string; sampleQuery: string };
type FieldName = keyof Values;

type Props = {
  teamSlug: string;
  prometheusConfigured: boolean;
} & (
  | { initial?: undefined; submit: Action<CreateMetricDefinitionInput, { key: string }> }
  /** Present when editing: the key can't change, observations are filed under it. A conflict carries the metric as it is now. */
  | { initial: Editable; submit: Action<UpdateMetricDefinitionInput, { key: string }, Editable> }
);

/** What the form sends besides the team, the key and the version. */
type Fields = Omit<CreateMetricDefinitionInput, "teamSlug" | "key">;

const EMPTY: Values = {
  key: "",
  name: "",
  unit: "",
  kind: "error_rate",
  badDirection: "up",
  source: "builtin",
  query: "",
  sampleQuery: "",
};

const SELECTOR = 'release="$release",cohort="$cohort",variant="$variant"';
const QUERY_EXAMPLES: Record<MetricKind, string> = {
  error_rate: `sum(rate(http_requests_total{status=~"5..",${SELECTOR}}[$window]))\n/ sum(rate(http_requests_total{${SELECTOR}}[$window]))`,
  latency: `histogram_quantile($quantile,\n  sum by (le) (rate(http_request_duration_seconds_bucket{${SELECTOR}}[$window])))`,
  count: `sum(increase(orders_total{${SELECTOR}}[$window]))`,
  mean: `sum(rate(order_value_sum{${SELECTOR}}[$window]))\n/ sum(rate(order_value_count{${SELECTOR}}[$window]))`,
};

function valuesOf(metric: MetricDefinitionView): Values {
  return { ...metric, query: metric.query ?? "", sampleQuery: metric.sampleQuery ?? "" };
}

export function MetricForm(props: Props) {
  const { teamSlug, initial, prometheusConfigured } = props;
  const router = useRouter();
  const hydrated = useHydrated();
  const editing = initial !== undefined;
  const [values, setValues] = useState<Values>(initial ? valuesOf(initial) : EMPTY);
  const [version, setVersion] = useState(initial?.version ?? 1);
  const [keyTouched, setKeyTouched] = useState(editing);
  const [touched, setTouched] = useState<Set<FieldName> | "all">(new Set());
  // Creating and editing are two actions; the form was given one of them.
  const save = ({ key, fields }: { key: string; fields: Fields }) =>
    props.initial === undefined
      ? props.submit({ teamSlug, key, ...fields })
      : props.submit({ teamSlug, metricKey: props.initial.key, expectedVersion: version, ...fields });
  const { fieldErrors: serverErrors, message, pending, run, clearField, conflict: refused } = useAction(save);
  // Starting again from the current values takes their version: the notice has been answered.
  const conflict = refused && refused.current.version !== version ? refused : null;
  const prometheus = values.source === "prometheus";

  const input = useMemo(
    () => ({
      key: values.key,
      name: values.name,
      unit: values.unit,
      kind: values.kind,
      badDirection: values.badDirection,
      source: values.source,
      // A built-in metric has no query; whatever was typed before switching source is dropped.
      query: prometheus ? values.query : null,
      sampleQuery: prometheus ? values.sampleQuery : null,
    }),
    [values, prometheus],
  );
  // The schema the server enforces, run as you type; a field shows its errors once touched.
  const liveErrors = useMemo<FieldErrors>(() => {
    const result = metricFormSchema.safeParse(input);
    return result.success ? {} : fieldErrorsOf(result.error);
  }, [input]);
  const errorsOf = (field: FieldName): string[] | undefined => {
    if (serverErrors[field]?.length) return serverErrors[field];
    return touched === "all" || touched.has(field) ? liveErrors[field] : undefined;
  };

  function set<K extends FieldName>(field: K, value: Values[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => (t === "all" ? t : new Set(t).add(field)));
    clearField(field);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched("all");
    if (Object.keys(liveErrors).length) return;
    const { key, ...fields } = input;
    run(
      { key, fields },
      {
        onSuccess: () => {
          router.push(`/teams/${teamSlug}/metrics`);
          router.refresh();
        },
      },
    );
  }

  function startFromCurrent(current: Editable) {
    setValues(valuesOf(current));
    setVersion(current.version);
  }

  const invalid = (field: FieldName) => (errorsOf(field)?.length ? true : undefined);
  return (
    <form onSubmit={onSubmit} className="card max-w-3xl space-y-4 p-5" noValidate>
      {conflict ? (
        <MetricConflictNotice
          message={conflict.message}
          current={conflict.current}
          onUseCurrent={() => startFromCurrent(conflict.current)}
        />
      ) : (
        message && (
          <p
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {message}
          </p>
        )
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name" errors={errorsOf("name")}>
          <input
            id="name"
            className="input"
            value={values.name}
            aria-invalid={invalid("name")}
            placeholder="Checkout errors"
            onChange={(e) => {
              const name = e.target.value;
              set("name", name);
              // Suggest a key from the name until someone types one.
              if (!keyTouched) set("key", keyFromName(name));
            }}
          />
        </Field>
        <Field
          id="key"
          label="Key"
          hint={
            editing
              ? "The key can't change: applications send it with every observation."
              : "What applications send as \"metric\". Lowercase letters, digits, '.', '_' and '-'."
          }
          errors={errorsOf("key")}
        >
          <input
            id="key"
            className="input font-mono"
            value={values.key}
            disabled={editing}
            aria-invalid={invalid("key")}
            placeholder="checkout-errors"
            onChange={(e) => {
              setKeyTouched(true);
              set("key", e.target.value);
            }}
          />
        </Field>
        <Field id="kind" label="Kind" hint={KIND_HINTS[values.kind]} errors={errorsOf("kind")}>
          <select
            id="kind"
            className="input"
            value={values.kind}
            onChange={(e) => set("kind", e.target.value as Values["kind"])}
          >
            {METRIC_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="unit" label="Unit" hint="Shown on chart axes and tooltips: %, ms, orders…" errors={errorsOf("unit")}>
          <input
            id="unit"
            className="input"
            value={values.unit}
            aria-invalid={invalid("unit")}
            placeholder={values.kind === "latency" ? "ms" : values.kind === "error_rate" ? "%" : ""}
            onChange={(e) => set("unit", e.target.value)}
          />
        </Field>
        <Field
          id="badDirection"
          label="Which way is bad"
          hint="Decides which change is highlighted as harm."
          errors={errorsOf("badDirection")}
        >
          <select
            id="badDirection"
            className="input"
            value={values.badDirection}
            onChange={(e) => set("badDirection", e.target.value as Values["badDirection"])}
          >
            {BAD_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {BAD_DIRECTION_LABELS[d]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend className="label">Source</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1.5 text-sm">
            {METRIC_SOURCES.map((source) => (
              <label key={source} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="source"
                  value={source}
                  checked={values.source === source}
                  onChange={() => set("source", source)}
                />
                {SOURCE_LABELS[source]}
              </label>
            ))}
          </div>
          <p className="muted mt-1 text-xs">
            {prometheus
              ? "Read from the team's Prometheus with a PromQL query."
              : "Applications send observations to Glidepath."}
          </p>
          {errorsOf("source")?.map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
        </fieldset>
      </div>
      {prometheus && (
        <div className="space-y-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          {!prometheusConfigured && (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
              This team has no Prometheus URL yet; an admin sets it under “Metrics backend”. Charts of this metric show
              an error until then.
            </p>
          )}
          <Field
            id="query"
            label="PromQL query"
            hint={`Placeholders: $environment, $release, $cohort, $variant inside quoted label values (escaped for you), $window (a range such as 5m)${values.kind === "latency" ? " and $quantile (0.5, 0.95, 0.99)" : ""}.`}
            errors={errorsOf("query")}
          >
            <textarea
              id="query"
              className="input min-h-28 font-mono text-xs"
              spellCheck={false}
              value={values.query}
              aria-invalid={invalid("query")}
              placeholder={QUERY_EXAMPLES[values.kind]}
              onChange={(e) => set("query", e.target.value)}
            />
          </Field>
          <Field
            id="sampleQuery"
            label="Sample query (optional)"
            hint="How many observations are behind the value (requests for an error rate), for guardrails' minimum sample size. Same placeholders, no $quantile."
            errors={errorsOf("sampleQuery")}
          >
            <textarea
              id="sampleQuery"
              className="input min-h-20 font-mono text-xs"
              spellCheck={false}
              value={values.sampleQuery}
              aria-invalid={invalid("sampleQuery")}
              onChange={(e) => set("sampleQuery", e.target.value)}
            />
          </Field>
        </div>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending || !hydrated}>
          {pending ? "Saving…" : editing ? "Save metric" : "Create metric"}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.back()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

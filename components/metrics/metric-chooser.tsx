"use client";

import type { MetricDefinitionView } from "@/lib/metrics/metric-types";

type Props = {
  definitions: MetricDefinitionView[];
  /** null: all of them. */
  chosen: string[] | null;
  onChange: (keys: string[] | null) => void;
};

/** Which metrics the cohort panels chart; all by default. */
export function MetricChooser({ definitions, chosen, onChange }: Props) {
  if (definitions.length === 0) return null;
  const isChosen = (key: string) => chosen === null || chosen.includes(key);

  function toggle(key: string) {
    const next = definitions.map((d) => d.key).filter((k) => (k === key ? !isChosen(k) : isChosen(k)));
    // Everything ticked is the default: keep the URL short and pick up metrics added later.
    onChange(next.length === definitions.length ? null : next);
  }

  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <legend className="muted float-left mr-1 text-xs">Metrics</legend>
      {definitions.map((d) => (
        <label key={d.key} className="inline-flex cursor-pointer items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            checked={isChosen(d.key)}
            onChange={() => toggle(d.key)}
          />
          {d.name}
        </label>
      ))}
    </fieldset>
  );
}

import type { MetricDefinitionView } from "@/lib/metrics/metric-types";
import { BAD_DIRECTION_LABELS, KIND_LABELS, SOURCE_LABELS } from "@/lib/metrics/definitions/metric-labels";

type Props = { message: string; current: MetricDefinitionView & { version: number }; onUseCurrent: () => void };

/** A save that hit a newer version: what the metric is now, and the way to start from it. */
export function MetricConflictNotice({ message, current, onUseCurrent }: Props) {
  const rows: [string, string][] = [
    ["Name", current.name],
    ["Kind", KIND_LABELS[current.kind]],
    ["Unit", current.unit || "—"],
    ["Which way is bad", BAD_DIRECTION_LABELS[current.badDirection]],
    ["Source", SOURCE_LABELS[current.source]],
  ];
  return (
    <div
      role="alert"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>{message}</p>
      <p className="mt-3 font-medium">Current values (version {current.version}):</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="opacity-80">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
        {current.query && (
          <div className="contents">
            <dt className="opacity-80">Query</dt>
            <dd className="break-all font-mono text-xs">{current.query}</dd>
          </div>
        )}
      </dl>
      <button type="button" className="btn-secondary mt-3" onClick={onUseCurrent}>
        Start again from the current values
      </button>
    </div>
  );
}

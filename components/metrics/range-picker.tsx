"use client";

import clsx from "clsx";
import { useState, type FormEvent } from "react";
import { MAX_RANGE_MS } from "@/lib/metrics/chart-query";
import { NAMED_RANGES, type NamedRange } from "@/lib/metrics/choose-step";
import type { ChartWindow } from "./use-chart-view";

const RANGES = Object.keys(NAMED_RANGES) as NamedRange[];

/** "2026-11-28T14:05" in the browser's time zone, what <input type="datetime-local"> shows. */
function toLocalInput(ms: number): string {
  const date = new Date(ms);
  return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

type Props = {
  window: ChartWindow;
  onRange: (range: NamedRange) => void;
  onCustom: (from: number, to: number) => void;
};

/** 1h / 6h / 24h / 7d ending now, or a fixed from–to in local time. */
export function RangePicker({ window: current, onRange, onCustom }: Props) {
  const [editing, setEditing] = useState(false);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const customActive = current.kind === "custom";

  function openCustom() {
    const end = current.kind === "custom" ? current.to : Date.now();
    const start = current.kind === "custom" ? current.from : end - NAMED_RANGES[current.range];
    setFrom(toLocalInput(start));
    setTo(toLocalInput(end));
    setError(null);
    setEditing(true);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const start = new Date(from).getTime();
    const end = new Date(to).getTime();
    if (!Number.isFinite(start) || !Number.isFinite(end)) return setError("Enter both dates");
    if (start >= end) return setError("From must be before to");
    if (end - start > MAX_RANGE_MS) return setError("The range can be at most 90 days");
    setEditing(false);
    onCustom(start, end);
  }

  const button = (active: boolean) =>
    clsx(
      "rounded-md px-2.5 py-1 text-sm",
      active
        ? "bg-brand-600 font-medium text-white"
        : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
    );

  return (
    <div className="space-y-2">
      <div
        role="group"
        aria-label="Time range"
        className="inline-flex flex-wrap rounded-lg border border-zinc-200 bg-white p-0.5 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {RANGES.map((range) => {
          const active = current.kind === "named" && current.range === range;
          return (
            <button
              key={range}
              type="button"
              aria-pressed={active}
              className={button(active)}
              onClick={() => {
                setEditing(false);
                onRange(range);
              }}
            >
              {range}
            </button>
          );
        })}
        <button
          type="button"
          aria-pressed={customActive}
          aria-expanded={editing}
          className={button(customActive)}
          onClick={() => (editing ? setEditing(false) : openCustom())}
        >
          Custom
        </button>
      </div>
      {editing && (
        <form onSubmit={apply} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
          <div>
            <label htmlFor="chart-from" className="label text-xs">
              From
            </label>
            <input
              id="chart-from"
              type="datetime-local"
              className="input w-auto py-1"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <div>
            <label htmlFor="chart-to" className="label text-xs">
              To
            </label>
            <input
              id="chart-to"
              type="datetime-local"
              className="input w-auto py-1"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              aria-invalid={error ? true : undefined}
            />
          </div>
          <button type="submit" className="btn-secondary">
            Apply
          </button>
          {error && (
            <p role="alert" className="field-error w-full">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

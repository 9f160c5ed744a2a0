import { ValidationError } from "@/lib/errors/domain-errors";
import { NAMED_RANGES, type NamedRange } from "./choose-step";

/**
 * The chart view as it lives in the URL, shared by the release page (search params) and the
 * chart API (query string), so a link to a view and the request behind it read the same.
 *   range=1h|6h|24h|7d            a window ending now (moves on every refresh)
 *   from=…&to=…                   a fixed window: ISO 8601 or epoch ms
 *   metrics=a,b                   metric keys (absent: all; present but empty: none)
 *   cohorts=a,b                   cohort keys, "default" for everyone else (absent: all)
 */
export type ChartQuery = {
  environmentKey: string | null;
  window: { kind: "named"; range: NamedRange } | { kind: "custom"; from: number; to: number };
  metricKeys: string[] | null;
  cohortKeys: string[] | null;
};

export const DEFAULT_RANGE: NamedRange = "6h";
export const MAX_RANGE_MS = 90 * 86_400_000;

type Params = { get(name: string): string | null };

export function isNamedRange(value: string): value is NamedRange {
  return Object.hasOwn(NAMED_RANGES, value);
}

/** Epoch ms from "1717000000000" or an ISO 8601 date-time; null when it is neither. */
export function parseInstant(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{1,15}$/.test(trimmed)) return Number(trimmed);
  // Date.parse accepts many loose formats; only ISO 8601 is part of the contract.
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) ? ms : null;
}

function keyList(params: Params, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const keys = raw
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = keys.find((k) => k.length > 64);
  if (bad) throw ValidationError.field(name, `"${bad.slice(0, 20)}…" is not a key`);
  return [...new Set(keys)];
}

export function parseChartQuery(params: Params): ChartQuery {
  const env = params.get("env");
  const range = params.get("range");
  const fromText = params.get("from");
  const toText = params.get("to");
  const custom = fromText !== null || toText !== null;

  let window: ChartQuery["window"];
  if (custom) {
    if (range !== null) throw ValidationError.field("range", "Give either range or from and to, not both");
    if (fromText === null) throw ValidationError.field("from", "A custom range needs from as well as to");
    if (toText === null) throw ValidationError.field("to", "A custom range needs to as well as from");
    const from = parseInstant(fromText);
    if (from === null) throw ValidationError.field("from", "Use an ISO 8601 date-time or epoch milliseconds");
    const to = parseInstant(toText);
    if (to === null) throw ValidationError.field("to", "Use an ISO 8601 date-time or epoch milliseconds");
    if (from >= to) throw ValidationError.field("from", "from must be before to");
    if (to - from > MAX_RANGE_MS) throw ValidationError.field("to", "The range can be at most 90 days");
    window = { kind: "custom", from, to };
  } else {
    const named = range ?? DEFAULT_RANGE;
    if (!isNamedRange(named))
      throw ValidationError.field("range", `Use one of ${Object.keys(NAMED_RANGES).join(", ")}`);
    window = { kind: "named", range: named };
  }

  return {
    environmentKey: env && env.trim() ? env.trim() : null,
    window,
    metricKeys: keyList(params, "metrics"),
    cohortKeys: keyList(params, "cohorts"),
  };
}

/** The window in epoch ms; a named range ends at `now`. */
export function windowBounds(window: ChartQuery["window"], now: number): { from: number; to: number } {
  return window.kind === "custom"
    ? { from: window.from, to: window.to }
    : { from: now - NAMED_RANGES[window.range], to: now };
}

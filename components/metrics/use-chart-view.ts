"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { DEFAULT_RANGE, parseChartQuery, type ChartQuery } from "@/lib/metrics/chart-query";
import type { NamedRange } from "@/lib/metrics/choose-step";

export type ChartWindow = ChartQuery["window"];

export type ChartView = {
  window: ChartWindow;
  /** null: every metric. */
  metricKeys: string[] | null;
  /** Why the link's chart parameters were ignored, if they were. */
  invalid: string | null;
  /** The API query string for this view (without env). */
  apiQuery: string;
  setRange: (range: NamedRange) => void;
  setCustom: (from: number, to: number) => void;
  setMetricKeys: (keys: string[] | null) => void;
};

const CHART_PARAMS = ["range", "from", "to", "metrics"] as const;

function apiQueryOf(window: ChartWindow, metricKeys: string[] | null): string {
  const params = new URLSearchParams();
  if (window.kind === "named") params.set("range", window.range);
  else {
    params.set("from", new Date(window.from).toISOString());
    params.set("to", new Date(window.to).toISOString());
  }
  if (metricKeys !== null) params.set("metrics", metricKeys.join(","));
  return params.toString();
}

/**
 * The chart range and chosen metrics, kept in the page URL (?range=6h or ?from=…&to=…,
 * &metrics=…) so a view can be shared as a link. Updating uses history.replaceState, which
 * Next.js folds into useSearchParams without a server round trip.
 */
export function useChartView(): ChartView {
  const searchParams = useSearchParams();
  const fromUrl = searchParams.toString();
  // The view is state first and URL second: a click shows at once (a controlled checkbox must
  // not flip back while the router catches up with replaceState), and a URL changed from
  // elsewhere (a link to this page) still wins.
  const [state, setState] = useState({ seen: fromUrl, current: fromUrl });
  if (state.seen !== fromUrl) setState({ seen: fromUrl, current: fromUrl });
  const current = state.seen === fromUrl ? state.current : fromUrl;

  const parsed = useMemo(() => {
    try {
      const query = parseChartQuery(new URLSearchParams(current));
      return { window: query.window, metricKeys: query.metricKeys, invalid: null };
    } catch (error) {
      return {
        window: { kind: "named", range: DEFAULT_RANGE } as ChartWindow,
        metricKeys: null,
        invalid: error instanceof Error ? error.message : String(error),
      };
    }
  }, [current]);

  const write = useCallback(
    (change: (params: URLSearchParams) => void) => {
      const params = new URLSearchParams(current);
      change(params);
      const query = params.toString();
      setState((s) => ({ ...s, current: query }));
      window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
    },
    [current],
  );

  const setRange = useCallback(
    (range: NamedRange) =>
      write((p) => {
        CHART_PARAMS.slice(0, 3).forEach((name) => p.delete(name));
        p.set("range", range);
      }),
    [write],
  );
  const setCustom = useCallback(
    (from: number, to: number) =>
      write((p) => {
        p.delete("range");
        p.set("from", new Date(from).toISOString());
        p.set("to", new Date(to).toISOString());
      }),
    [write],
  );
  const setMetricKeys = useCallback(
    (keys: string[] | null) =>
      write((p) => {
        if (keys === null) p.delete("metrics");
        else p.set("metrics", keys.join(","));
      }),
    [write],
  );

  return { ...parsed, apiQuery: apiQueryOf(parsed.window, parsed.metricKeys), setRange, setCustom, setMetricKeys };
}

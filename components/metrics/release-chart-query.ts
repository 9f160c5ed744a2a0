"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { decodeChartData, type WireChartData } from "@/lib/metrics/chart-wire";
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";

export const metricsKeys = {
  all: ["metrics"] as const,
  releaseChart: (teamSlug: string, releaseKey: string, environmentKey: string, query: string, rolloutVersion: number) =>
    [...metricsKeys.all, "release-chart", teamSlug, releaseKey, environmentKey, query, rolloutVersion] as const,
};

export const LIVE_REFRESH_MS = 10_000;

async function fetchReleaseChartData(url: string, signal: AbortSignal): Promise<ReleaseChartData> {
  const response = await fetch(url, { cache: "no-store", signal });
  const body = (await response.json().catch(() => null)) as
    ({ error?: { message?: string } } & Partial<WireChartData>) | null;
  if (!response.ok || !body)
    throw new Error(body?.error?.message ?? `The chart data request failed (HTTP ${response.status})`);
  return decodeChartData(body as WireChartData);
}

/**
 * The release's chart data, refreshed every 10 s while the window moves with the clock. The
 * previous answer stays on screen while the next loads (range changes included), so a refresh
 * never blanks the charts; the rollout version is part of the key, so a promote or roll back
 * made on this page shows on the charts at once.
 */
export function useReleaseChartData(input: {
  teamSlug: string;
  releaseKey: string;
  environmentKey: string;
  apiQuery: string;
  rolloutVersion: number;
  /** A fixed window stops refreshing once it has ended; null: the window moves with the clock. */
  liveUntil: number | null;
}) {
  const { teamSlug, releaseKey, environmentKey, apiQuery, rolloutVersion, liveUntil } = input;
  const url = `/api/teams/${encodeURIComponent(teamSlug)}/releases/${encodeURIComponent(releaseKey)}/metrics?env=${encodeURIComponent(environmentKey)}&${apiQuery}`;
  return useQuery({
    queryKey: metricsKeys.releaseChart(teamSlug, releaseKey, environmentKey, apiQuery, rolloutVersion),
    queryFn: ({ signal }) => fetchReleaseChartData(url, signal),
    refetchInterval: () => (liveUntil === null || Date.now() < liveUntil ? LIVE_REFRESH_MS : false),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    retry: 1,
  });
}

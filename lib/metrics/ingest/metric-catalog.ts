import type { Db } from "@/lib/db/client";
import { listMetricDefinitions } from "../list-metric-definitions";
import type { MetricDefinitionView } from "../metric-types";

type Entry = { loadedAt: number; metrics: Map<string, MetricDefinitionView>; loading: Promise<Map<string, MetricDefinitionView>> | null };

/**
 * The team's metric definitions for ingest validation. Definitions change rarely and don't
 * touch evaluation, so a short time-to-live beats a version bump on every environment.
 */
export class MetricCatalog {
  private readonly teams = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  async metricsOf(teamId: string, now = Date.now()): Promise<Map<string, MetricDefinitionView>> {
    const entry = this.teams.get(teamId);
    if (entry && now - entry.loadedAt < this.ttlMs) return entry.metrics;
    if (entry?.loading) return entry.loading;
    const loading = listMetricDefinitions(this.db, teamId).then((list) => new Map(list.map((m) => [m.key, m])));
    this.teams.set(teamId, { loadedAt: entry?.loadedAt ?? 0, metrics: entry?.metrics ?? new Map(), loading });
    try {
      const metrics = await loading;
      this.teams.set(teamId, { loadedAt: now, metrics, loading: null });
      return metrics;
    } catch (error) {
      // Keep answering from what we had; a first load with the database down fails the request.
      if (entry) {
        this.teams.set(teamId, { ...entry, loading: null });
        return entry.metrics;
      }
      this.teams.delete(teamId);
      throw error;
    }
  }
}

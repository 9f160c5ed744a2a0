import type { Db } from "@/lib/db/client";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import type { MetricDefinitionView } from "../metric-types";

type Entry = {
  loadedAt: number;
  metrics: Map<string, MetricDefinitionView>;
  loading: Promise<Map<string, MetricDefinitionView>> | null;
};

/** A team's definitions, and whether they are known to be current (false: the database couldn't be read). */
export type CatalogAnswer = { metrics: Map<string, MetricDefinitionView>; current: boolean };

// How long a request waits for the first definitions while the process starts, or for a
// read asked for because it names a metric the last read didn't have.
const FIRST_LOAD_WAIT_MS = 15_000;
const REREAD_WAIT_MS = 5_000;
// At most one such read per team this often: names a client makes up can't drive reads.
const REREAD_EVERY_MS = 1_000;

const waitAtMost = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * The team's metric definitions for ingest validation. Definitions change rarely and don't
 * touch evaluation, so a short time-to-live beats a version bump on every environment.
 *
 * Two sources: with a database client, a team's definitions load on first use and refresh
 * after the TTL (tests, scripts); without one, the flush worker reads every team's
 * definitions in the background and feeds them in (update()), so an ingest request never
 * queries the database — and never waits on it when it is locked or down.
 */
export class MetricCatalog {
  private readonly teams = new Map<string, Entry>();
  private fed: Map<string, Map<string, MetricDefinitionView>> | null = null;
  private fedCurrent = false;
  private firstFeed: Promise<void>;
  private resolveFirstFeed: () => void = () => {};
  private readonly listeners: (() => void)[] = [];
  private readonly rereads = new Map<string, number>();
  /** Set by the flush worker's owner: asks for a read now, resolves when it is done. */
  requestRead: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db | null,
    private readonly ttlMs = 5_000,
  ) {
    this.firstFeed = new Promise((resolve) => (this.resolveFirstFeed = resolve));
  }

  /** The worker's read of every team's definitions. */
  update(teams: ReadonlyMap<string, readonly MetricDefinitionView[]>): void {
    this.fed = new Map([...teams].map(([teamId, list]) => [teamId, new Map(list.map((m) => [m.key, m]))]));
    this.fedCurrent = true;
    this.resolveFirstFeed();
    for (const listener of this.listeners) listener();
  }

  /** The worker couldn't read them: keep answering from the last read, flagged not current. */
  failed(): void {
    this.fedCurrent = false;
    this.resolveFirstFeed();
  }

  onUpdate(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * The team's definitions for a batch naming `keys`: when some are unknown, they may be newer
   * than the last read (a metric created a moment ago), so read again first — at most once a
   * second per team — before they are refused.
   */
  async lookupFor(teamId: string, keys: ReadonlySet<string>, now = Date.now()): Promise<CatalogAnswer> {
    const answer = await this.lookup(teamId, now);
    if (!answer.current || [...keys].every((key) => answer.metrics.has(key))) return answer;
    if (now - (this.rereads.get(teamId) ?? 0) < REREAD_EVERY_MS) return answer;
    this.rereads.set(teamId, now);
    if (this.db) this.teams.delete(teamId);
    else if (this.requestRead) await waitAtMost(this.requestRead(), REREAD_WAIT_MS);
    return this.lookup(teamId, now);
  }

  async lookup(teamId: string, now = Date.now()): Promise<CatalogAnswer> {
    if (!this.db) {
      if (!this.fed) await waitAtMost(this.firstFeed, FIRST_LOAD_WAIT_MS);
      return { metrics: this.fed?.get(teamId) ?? new Map(), current: this.fed !== null && this.fedCurrent };
    }
    try {
      return { metrics: await this.load(this.db, teamId, now), current: true };
    } catch {
      return { metrics: this.teams.get(teamId)?.metrics ?? new Map(), current: false };
    }
  }

  /** The team's definitions; throws when they were never read and the database can't be. */
  async metricsOf(teamId: string, now = Date.now()): Promise<Map<string, MetricDefinitionView>> {
    const answer = await this.lookup(teamId, now);
    if (!answer.current && answer.metrics.size === 0)
      throw new Error("Metric definitions are not available: the database could not be read");
    return answer.metrics;
  }

  private async load(db: Db, teamId: string, now: number): Promise<Map<string, MetricDefinitionView>> {
    const entry = this.teams.get(teamId);
    if (entry && now - entry.loadedAt < this.ttlMs) return entry.metrics;
    if (entry?.loading) return entry.loading;
    const loading = loadMetricDefinitions(db, teamId).then((list) => new Map(list.map((m) => [m.key, m])));
    this.teams.set(teamId, { loadedAt: entry?.loadedAt ?? 0, metrics: entry?.metrics ?? new Map(), loading });
    try {
      const metrics = await loading;
      this.teams.set(teamId, { loadedAt: now, metrics, loading: null });
      return metrics;
    } catch (error) {
      if (entry) this.teams.set(teamId, { ...entry, loading: null });
      else this.teams.delete(teamId);
      throw error;
    }
  }
}

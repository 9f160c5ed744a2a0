import { EventEmitter } from "node:events";
import { compileEnvironmentSnapshot, type EnvironmentSnapshot } from "./environment-snapshot";
import { SnapshotWorkerClient, type SnapshotSource, type SnapshotWorkerOptions } from "./snapshot-worker-client";

export type StoreOptions = {
  pollIntervalMs?: number;
  /** With no successful read for this long (a read stuck behind a lock), answers are flagged stale. */
  staleAfterMs?: number;
  log?: (message: string) => void;
};

export const DEFAULT_STALE_AFTER_MS = 2_000;

export type StoreStatus = {
  ready: boolean;
  stale: boolean;
  lastError: string | null;
  /** When the database last answered a poll (ms since epoch), null before the first. */
  lastRefreshAt: number | null;
  /** When the poll in flight started, null when none is. */
  refreshingSince: number | null;
};

/**
 * In-memory snapshots of every environment's config, swapped whole when its config version
 * moves. Evaluations read only from here and never wait on the database: the reads happen on a
 * worker thread (SnapshotWorkerClient), and while the database can't be read (down, locked, too
 * slow) the last snapshot keeps answering, marked stale.
 */
export class EvaluationStore {
  private snapshots = new Map<string, EnvironmentSnapshot>();
  private keyToEnvironment = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private ready: Promise<void> | null = null;
  private loaded = false;
  private refreshing: Promise<void> | null = null;
  private queuedRefresh: Promise<void> | null = null;
  private refreshingSince: number | null = null;
  private lastRefreshAt: number | null = null;
  /** Emits "changed" (environmentId, configVersion) when an environment's snapshot is replaced. */
  readonly events = new EventEmitter().setMaxListeners(0);
  /** Set while the database can't be read; evaluations report it in metadata, health checks fail. */
  stale = false;
  lastError: string | null = null;

  constructor(
    private readonly source: SnapshotSource,
    private readonly options: StoreOptions = {},
  ) {}

  /** A store reading `url` through a worker thread of its own. */
  static forDatabase(url: string, options: StoreOptions & SnapshotWorkerOptions = {}): EvaluationStore {
    return new EvaluationStore(new SnapshotWorkerClient(url, options), options);
  }

  /** Loads everything once and starts polling config versions. */
  start(): Promise<void> {
    this.ready ??= this.refresh().then(
      () => {
        this.loaded = true;
        this.timer = setInterval(() => this.tick(), this.options.pollIntervalMs ?? 500);
        this.timer.unref();
      },
      (error: unknown) => {
        // Nothing loaded yet: let the next request try again instead of failing forever.
        this.ready = null;
        throw error;
      },
    );
    return this.ready;
  }

  isReady(): boolean {
    return this.loaded;
  }

  status(): StoreStatus {
    return {
      ready: this.loaded,
      stale: this.stale,
      lastError: this.lastError,
      lastRefreshAt: this.lastRefreshAt,
      refreshingSince: this.refreshingSince,
    };
  }

  /** Stops polling and the worker; the snapshots stay readable. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.source.close();
  }

  environmentForKey(keyHash: string): EnvironmentSnapshot | null {
    const environmentId = this.keyToEnvironment.get(keyHash);
    return environmentId ? (this.snapshots.get(environmentId) ?? null) : null;
  }

  snapshot(environmentId: string): EnvironmentSnapshot | null {
    return this.snapshots.get(environmentId) ?? null;
  }

  /** Reads the database now: resolves once a read that started after this call has finished. */
  refresh(): Promise<void> {
    // A read already in flight may have started before the caller's write, so it can't stand
    // in for this one: queue one read after it, shared by everyone who asks meanwhile.
    if (!this.refreshing) return this.poll();
    this.queuedRefresh ??= this.refreshing
      .catch(() => undefined)
      .then(() => {
        this.queuedRefresh = null;
        return this.poll();
      });
    return this.queuedRefresh;
  }

  /** One read at a time; callers that arrive meanwhile share it (the timer's polls). */
  private poll(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
      this.refreshingSince = null;
    });
    return this.refreshing;
  }

  private tick() {
    const since = this.refreshingSince;
    const staleAfterMs = this.options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    // A poll stuck behind a lock never fails by itself: its age is what says the data may be old.
    if (since !== null && !this.stale && Date.now() - since > staleAfterMs) {
      this.markStale(`the database has not answered for ${Math.round((Date.now() - since) / 100) / 10} s`);
    }
    void this.poll().catch(() => undefined);
  }

  private markStale(reason: string) {
    if (!this.stale) this.options.log?.(`evaluation store: ${reason}; serving the last snapshot`);
    this.stale = true;
    this.lastError = reason;
  }

  private async doRefresh() {
    this.refreshingSince = Date.now();
    try {
      const known = new Map([...this.snapshots.values()].map((s) => [s.environmentId, s.configVersion]));
      const { versions, environments } = await this.source.poll(known);
      const next = new Map(this.snapshots);
      let changed = false;
      const moved: EnvironmentSnapshot[] = [];
      for (const rows of environments) {
        const snapshot = compileEnvironmentSnapshot(rows);
        if (next.has(snapshot.environmentId)) moved.push(snapshot);
        next.set(snapshot.environmentId, snapshot);
        changed = true;
      }
      const live = new Set(versions.map((v) => v.id));
      for (const id of next.keys()) {
        if (!live.has(id)) {
          next.delete(id);
          changed = true;
        }
      }
      if (changed) {
        const keys = new Map<string, string>();
        for (const snapshot of next.values())
          for (const hash of snapshot.sdkKeyHashes) keys.set(hash, snapshot.environmentId);
        // Swapped in one assignment each, so a request never sees half an update.
        this.snapshots = next;
        this.keyToEnvironment = keys;
        for (const snapshot of moved) this.events.emit("changed", snapshot.environmentId, snapshot.configVersion);
      }
      if (this.stale) this.options.log?.("evaluation store: database reachable again");
      this.stale = false;
      this.lastError = null;
      this.lastRefreshAt = Date.now();
    } catch (error) {
      this.markStale(`refresh failed: ${error instanceof Error ? error.message : String(error)}`);
      if (this.snapshots.size === 0) throw error;
    }
  }
}

import { EventEmitter } from "node:events";
import type { Db } from "@/lib/db/client";
import { loadEnvironmentSnapshot, type EnvironmentSnapshot } from "./environment-snapshot";

export type StoreOptions = { pollIntervalMs?: number; log?: (message: string) => void };

/**
 * In-memory snapshots of every environment's config, swapped whole when its config version
 * moves. Evaluations read only from here: no database query per request, and when the
 * database is unreachable the last snapshot keeps answering (marked stale).
 */
export class EvaluationStore {
  private snapshots = new Map<string, EnvironmentSnapshot>();
  private keyToEnvironment = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private ready: Promise<void> | null = null;
  private loaded = false;
  private refreshing: Promise<void> | null = null;
  /** Emits "changed" (environmentId, configVersion) when an environment's snapshot is replaced. */
  readonly events = new EventEmitter().setMaxListeners(0);
  /** Set while the last refresh failed; evaluations report it in metadata. */
  stale = false;
  lastError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: StoreOptions = {},
  ) {}

  /** Loads everything once and starts polling config versions. */
  start(): Promise<void> {
    this.ready ??= this.refresh().then(
      () => {
        this.loaded = true;
        this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.options.pollIntervalMs ?? 500);
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

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  environmentForKey(keyHash: string): EnvironmentSnapshot | null {
    const environmentId = this.keyToEnvironment.get(keyHash);
    return environmentId ? (this.snapshots.get(environmentId) ?? null) : null;
  }

  snapshot(environmentId: string): EnvironmentSnapshot | null {
    return this.snapshots.get(environmentId) ?? null;
  }

  refresh(): Promise<void> {
    // One refresh at a time; callers that arrive meanwhile share it.
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh() {
    try {
      const versions = await this.db.environment.findMany({ select: { id: true, configVersion: true } });
      const next = new Map(this.snapshots);
      let changed = false;
      const moved: EnvironmentSnapshot[] = [];
      for (const { id, configVersion } of versions) {
        if (next.get(id)?.configVersion === configVersion) continue;
        const snapshot = await loadEnvironmentSnapshot(this.db, id);
        if (snapshot) {
          if (next.has(id)) moved.push(snapshot);
          next.set(id, snapshot);
        }
        changed = true;
      }
      for (const id of next.keys()) {
        if (!versions.some((v) => v.id === id)) {
          next.delete(id);
          changed = true;
        }
      }
      if (changed) {
        const keys = new Map<string, string>();
        for (const snapshot of next.values()) for (const hash of snapshot.sdkKeyHashes) keys.set(hash, snapshot.environmentId);
        // Swapped in one assignment each, so a request never sees half an update.
        this.snapshots = next;
        this.keyToEnvironment = keys;
        for (const snapshot of moved) this.events.emit("changed", snapshot.environmentId, snapshot.configVersion);
      }
      if (this.stale) this.options.log?.("evaluation store: database reachable again");
      this.stale = false;
      this.lastError = null;
    } catch (error) {
      if (!this.stale) this.options.log?.(`evaluation store: refresh failed, serving last snapshot: ${String(error)}`);
      this.stale = true;
      this.lastError = String(error);
      if (this.snapshots.size === 0) throw error;
    }
  }
}

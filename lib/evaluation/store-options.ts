import type { StoreOptions } from "./evaluation-store";
import type { SnapshotWorkerOptions } from "./snapshot-worker-client";

function number(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** The evaluation store's settings, shared by the dashboard and `npm run ofrep` (docs/evaluation-api.md). */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions & SnapshotWorkerOptions {
  return {
    pollIntervalMs: number(env.GLIDEPATH_CONFIG_POLL_MS) ?? 500,
    staleAfterMs: number(env.GLIDEPATH_SNAPSHOT_STALE_MS),
    statementTimeoutMs: number(env.GLIDEPATH_SNAPSHOT_STATEMENT_TIMEOUT_MS),
    log: (message) => console.warn(message),
  };
}

import { evaluationRuntime } from "./evaluation-runtime";

// A health check shortly after boot starts the store; it waits this long for the first load
// rather than answering 503 to the first probe of every fresh instance.
const FIRST_LOAD_WAIT_MS = 3_000;

export type EvaluationHealth = {
  status: 200 | 503;
  body: { ok: boolean; snapshotStale: boolean; lastRefreshAt: string | null };
};

/**
 * The dashboard's health: can this instance answer evaluations from fresh data? 503 while
 * the database can't be read (down, locked, too slow) or before the first snapshot loaded.
 * The reason stays in the server log: the endpoint is public.
 */
export async function evaluationHealth(): Promise<EvaluationHealth> {
  const { store } = evaluationRuntime();
  if (!store.isReady()) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      store.start().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, FIRST_LOAD_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }
  const status = store.status();
  const ok = status.ready && !status.stale;
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      snapshotStale: status.stale,
      lastRefreshAt: status.lastRefreshAt === null ? null : new Date(status.lastRefreshAt).toISOString(),
    },
  };
}

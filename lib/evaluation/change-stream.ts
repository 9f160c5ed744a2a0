import type { EvaluationStore } from "./evaluation-store";

export const INACTIVITY_DELAY_SEC = 120;
const KEEP_ALIVE_MS = 25_000;

/**
 * Where a web SDK listens for config changes (OFREP ADR-0008 `eventStreams`). EventSource
 * can't send headers, so the URL carries the key's SHA-256: enough to pick the environment,
 * useless as an evaluation credential.
 */
export function eventStreamsFor(origin: string, keyHash: string) {
  return [{ type: "sse", url: `${origin}/ofrep/v1/events?key=${keyHash}`, inactivityDelaySec: INACTIVITY_DELAY_SEC }];
}

function message(configVersion: number): string {
  const data = JSON.stringify({ type: "refetchEvaluation", lastModified: Math.floor(Date.now() / 1000) });
  return `id: ${configVersion}\nevent: message\ndata: ${data}\n\n`;
}

/**
 * Subscribes a client to "refetchEvaluation" events for the environment of a key hash.
 * Returns null for an unknown key. `write` gets SSE frames; call the returned stop on close.
 */
export function subscribeToChanges(
  store: EvaluationStore,
  keyHash: string,
  write: (frame: string) => void,
): (() => void) | null {
  const snapshot = store.environmentForKey(keyHash);
  if (!snapshot) return null;
  const environmentId = snapshot.environmentId;
  const onChange = (changedId: string, configVersion: number) => {
    if (changedId === environmentId) write(message(configVersion));
  };
  store.events.on("changed", onChange);
  write(`retry: 2000\n: connected to ${snapshot.environmentKey}\n\n`);
  const keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
  keepAlive.unref();
  return () => {
    clearInterval(keepAlive);
    store.events.off("changed", onChange);
  };
}

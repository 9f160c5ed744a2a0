import type http from "node:http";
import { LINGER_BYTES } from "./body-result";

/** A request header as one string (the first, when a client repeats it). */
export function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(payload));
}

/** How long a client that keeps sending past LINGER_BYTES has to read the answer before the reset. */
export const LINGER_GRACE_MS = 2_000;

/**
 * After an answer: discard at most LINGER_BYTES more of an unfinished body (a client that then
 * finishes keeps its connection). Past that, stop reading, so the client's writes stall and it
 * reads the answer, and close after LINGER_GRACE_MS: closing while data still arrives resets the
 * connection, and a reset can destroy an answer the client has not read yet.
 */
export function discardRestOfBody(req: http.IncomingMessage, budget = LINGER_BYTES) {
  if (req.complete || req.destroyed) return;
  let discarded = 0;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= budget) return;
    req.off("data", onData);
    req.pause();
    const socket = req.socket;
    const timer = setTimeout(() => socket.destroy(), LINGER_GRACE_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
  req.on("data", onData);
  req.resume();
}

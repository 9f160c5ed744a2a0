import type http from "node:http";
import { LINGER_BYTES } from "./body-result";

/** A request header as one string (the first, when a client repeats it). */
export function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(payload));
}

/** After an answer: discard at most LINGER_BYTES more of an unfinished body, then close. */
export function discardRestOfBody(req: http.IncomingMessage, budget = LINGER_BYTES) {
  if (req.complete || req.destroyed) return;
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > budget) req.socket.destroy();
  });
  req.resume();
}

import type http from "node:http";
import { unreadBodyNeedsClose } from "./body-result";

/** A request header as one string (the first, when a client repeats it). */
export function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(payload));
}

/** Refused before the body was read: close the connection rather than drain a large body. */
export function closeIfBodyUnread(req: http.IncomingMessage, maxBytes: number): Record<string, string> {
  return unreadBodyNeedsClose(header(req, "content-length"), header(req, "transfer-encoding"), maxBytes) ? { connection: "close" } : {};
}

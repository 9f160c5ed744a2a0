import type { IncomingMessage } from "node:http";
import { BODY_ABORTED, BODY_TOO_LARGE, declaredTooLarge, type BodyResult } from "./body-result";

/**
 * Reads a node:http request body as UTF-8 text, at most `maxBytes`, and calls `done` once: a
 * declared Content-Length over the cap is refused unread; a chunked body stops being read at
 * the cap (the request is paused; the server's last-resort guard drains a bounded rest after
 * the 413). Call it only once the caller is authenticated. A callback rather than a promise,
 * and a flag rather than removing listeners: this runs for every evaluation.
 * `done` runs inside a stream event: the caller catches what it throws (guard-node-listener's `fail`).
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number, done: (body: BodyResult) => void): void {
  if (declaredTooLarge(req.headers["content-length"], maxBytes)) return done(BODY_TOO_LARGE);
  let chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (result: BodyResult) => {
    settled = true;
    chunks = [];
    done(result);
  };
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size <= maxBytes) {
      chunks.push(chunk);
      return;
    }
    req.pause();
    settle(BODY_TOO_LARGE);
  });
  req.on("end", () => {
    if (!settled)
      settle({
        ok: true,
        text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8"),
      });
  });
  // 'close' before 'end', or an error, means the client went away mid-body.
  const abort = () => {
    if (!settled) settle(BODY_ABORTED);
  };
  req.on("error", abort);
  req.on("close", abort);
}

/** readNodeBody as a promise, for routes off the hot path. */
export function readNodeBodyAsync(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => readNodeBody(req, maxBytes, resolve));
}

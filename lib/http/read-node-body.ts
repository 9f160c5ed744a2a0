import type { IncomingMessage } from "node:http";
import { BODY_ABORTED, BODY_TOO_LARGE, declaredTooLarge, type BodyResult } from "./body-result";

/**
 * Reads a node:http request body as UTF-8 text, at most `maxBytes`: a declared Content-Length
 * over the cap is refused unread; a chunked body stops being read at the cap (the request is
 * paused; the server's last-resort guard drains a bounded rest after the 413). Never rejects.
 * Call it only once the caller is authenticated. On the hot path: one flag instead of
 * removing listeners, which is measurably cheaper per request.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  if (declaredTooLarge(req.headers["content-length"], maxBytes)) return Promise.resolve(BODY_TOO_LARGE);
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      settled = true;
      chunks = [];
      resolve(result);
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
      if (!settled) settle({ ok: true, text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8") });
    });
    // 'close' before 'end', or an error, means the client went away mid-body.
    const abort = () => {
      if (!settled) settle(BODY_ABORTED);
    };
    req.on("error", abort);
    req.on("close", abort);
  });
}

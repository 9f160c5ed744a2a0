import type { IncomingMessage } from "node:http";
import { BODY_ABORTED, BODY_TOO_LARGE, declaredTooLarge, type BodyResult } from "./body-result";

/**
 * Reads a node:http request body as UTF-8 text, at most `maxBytes`: a declared Content-Length
 * over the cap is refused unread; a chunked body stops being read at the cap (the request is
 * paused, so the caller's 413 with `Connection: close` ends the socket instead of draining it).
 * Never rejects. Call it only once the caller is authenticated.
 */
export function readNodeBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  if (declaredTooLarge(req.headers["content-length"], maxBytes)) return Promise.resolve(BODY_TOO_LARGE);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.pause();
      finish(BODY_TOO_LARGE);
    };
    const onEnd = () => finish({ ok: true, text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8") });
    // 'close' before 'end' means the client went away mid-body.
    const onAbort = () => finish(BODY_ABORTED);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}

import { BODY_ABORTED, BODY_TOO_LARGE, declaredTooLarge, type BodyResult } from "./body-result";

/**
 * Reads a Fetch API request body (Next.js route handlers) as UTF-8 text, at most `maxBytes`:
 * a declared Content-Length over the cap is refused unread, and a chunked body is cut off at
 * the cap (the stream is cancelled), so no request makes the server hold more than the cap.
 * Call it only once the caller is authenticated.
 */
export async function readFetchBody(request: Request, maxBytes: number): Promise<BodyResult> {
  if (declaredTooLarge(request.headers.get("content-length"), maxBytes)) return BODY_TOO_LARGE;
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => undefined);
        return BODY_TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch {
    return BODY_ABORTED;
  }
  return { ok: true, text: Buffer.concat(chunks, size).toString("utf8") };
}

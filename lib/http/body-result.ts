/**
 * What a capped body reader hands back. `too_large`: the declared or received size passed the
 * cap, and reading stopped there. `aborted`: the client went away (or the stream failed)
 * before the body was complete; there is nobody left to answer.
 */
export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too_large" | "aborted" };

export const BODY_TOO_LARGE: BodyResult = { ok: false, reason: "too_large" };
export const BODY_ABORTED: BodyResult = { ok: false, reason: "aborted" };

/**
 * A declared Content-Length over the cap is refused before a byte is read. Node's parser has
 * already refused malformed values (400), so anything here is digits.
 */
export function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
  return contentLength !== null && contentLength !== undefined && contentLength !== "" && Number(contentLength) > maxBytes;
}

/**
 * Whether answering now, before the body is read, should also close the connection: Node drains
 * an unread body after the response to keep the connection alive, which for a body of unknown
 * (chunked) or large size means reading megabytes only to discard them.
 */
export function unreadBodyNeedsClose(contentLength: string | null | undefined, transferEncoding: string | null | undefined, maxBytes: number): boolean {
  if (transferEncoding) return true;
  return declaredTooLarge(contentLength, maxBytes);
}

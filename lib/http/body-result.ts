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
  return (
    contentLength !== null && contentLength !== undefined && contentLength !== "" && Number(contentLength) > maxBytes
  );
}

/**
 * How much of a body left unread (refused before reading, or cut at the cap) is still read and
 * thrown away so the client gets the answer. Closing at once would reset the connection while
 * the client is still sending, and a reset can destroy the answer before the client reads it
 * (nginx's "lingering close" exists for the same reason); draining without a bound is what
 * Node does by default, which would read a 150 MB body to the end.
 */
export const LINGER_BYTES = 8 * 1024 * 1024;

/**
 * Whether an answer given before the body was read to its end should close the connection:
 * when the rest is of unknown (chunked) size or declared over LINGER_BYTES. A smaller declared
 * body is drained after the answer and the connection stays usable.
 */
export function unreadBodyNeedsClose(
  contentLength: string | null | undefined,
  transferEncoding: string | null | undefined,
): boolean {
  if (transferEncoding) return true;
  return declaredTooLarge(contentLength, LINGER_BYTES);
}

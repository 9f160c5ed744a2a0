import { unreadBodyNeedsClose } from "./body-result";

/**
 * Headers for an answer given before the body was read to its end. A route handler can't keep
 * reading after its answer, so a body whose rest is unknown (chunked) or large is cut off by
 * closing the connection; a smaller declared one is drained by Node and the connection kept.
 */
export function closeIfFetchBodyUnread(request: Request): Record<string, string> {
  return unreadBodyNeedsClose(request.headers.get("content-length"), request.headers.get("transfer-encoding"))
    ? { connection: "close" }
    : {};
}

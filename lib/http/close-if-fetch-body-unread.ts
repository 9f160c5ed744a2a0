import { unreadBodyNeedsClose } from "./body-result";

/**
 * Headers for an answer given before the body was read: close the connection when the body is
 * chunked or declared over the cap, so the server doesn't drain megabytes to keep it alive.
 */
export function closeIfFetchBodyUnread(request: Request, maxBytes: number): Record<string, string> {
  return unreadBodyNeedsClose(request.headers.get("content-length"), request.headers.get("transfer-encoding"), maxBytes) ? { connection: "close" } : {};
}

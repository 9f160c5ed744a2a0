/**
 * Response headers of the embed page. `frame-ancestors` lists exactly the link's origins
 * (already validated by parseOrigin), or 'none'; everything else the page may load is locked
 * down to its own inline style and the one script carrying `nonce`.
 */
export function frameAncestors(origins: readonly string[]): string {
  return origins.length ? `frame-ancestors ${[...new Set(origins)].join(" ")}` : "frame-ancestors 'none'";
}

export function embedPageHeaders(origins: readonly string[], nonce: string): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `script-src 'nonce-${nonce}'`,
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      frameAncestors(origins),
    ].join("; "),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}

/** A page with nothing to protect (not found, revoked): it may show in any frame, says so plainly. */
export function embedNoticeHeaders(): Record<string, string> {
  return {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}

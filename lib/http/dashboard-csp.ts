/**
 * The dashboard pages' Content-Security-Policy. Scripts run only when they carry this
 * request's nonce ('strict-dynamic' lets those load the chunks they import), so an injected
 * <script> or inline handler never runs. Embeds (/embed/…) send their own policy
 * (lib/embeds/embed-headers.ts).
 */
export function dashboardCsp(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Inline styles stay allowed: Recharts and Radix position elements with style attributes in
    // the server-rendered HTML (a nonce can't cover an attribute), and the progress bars and
    // chart swatches set widths and colours the same way. Styles can't run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable and new on every request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Where a webhook may point. HTTPS anywhere; plain HTTP only to this machine (localhost,
 * 127.0.0.0/8, ::1) — a receiver on the same host or a tunnel in development — unless
 * GLIDEPATH_WEBHOOKS_ALLOW_HTTP=1 allows it everywhere (a private network without TLS).
 * Returns the problem in words, or null when the URL is acceptable.
 */
export function webhookUrlProblem(raw: string, env: Record<string, string | undefined> = process.env): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, e.g. https://hooks.slack.com/services/…";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https://";
  if (url.username || url.password)
    return "Put credentials in the path or a query parameter, not before the host (user:password@)";
  if (url.hash) return "Remove the #fragment: it is never sent";
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && env.GLIDEPATH_WEBHOOKS_ALLOW_HTTP !== "1") {
    return "Use https:// (plain http:// is only allowed to localhost)";
  }
  return null;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** What non-admins see: where notifications go, without the path (Slack's path is the secret). */
export function maskWebhookUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return url.pathname === "/" && !url.search ? url.origin : `${url.origin}/…`;
  } catch {
    return "…";
  }
}

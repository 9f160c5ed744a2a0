/**
 * The dashboard's public origin, for links in notifications: GLIDEPATH_PUBLIC_URL, else
 * NEXTAUTH_URL (which `npm start` always sets). Null when neither is a valid http(s) URL; a
 * notification then carries the path only.
 */
export function dashboardOrigin(env: Record<string, string | undefined> = process.env): string | null {
  for (const value of [env.GLIDEPATH_PUBLIC_URL, env.NEXTAUTH_URL]) {
    if (!value) continue;
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:")
        return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      // not a URL: try the next one
    }
  }
  return null;
}

/** Absolute link to a dashboard path when the origin is known, otherwise the path itself. */
export function dashboardLink(path: string, origin = dashboardOrigin()): string {
  return origin ? `${origin}${path}` : path;
}

import { z } from "zod";

export const MAX_ORIGINS = 10;

/**
 * A parent page's origin as browsers compare it for frame-ancestors: scheme, host and port,
 * nothing else. Anything that isn't exactly that (a path, a wildcard, a quote, a keyword such
 * as 'self') is refused here, so nothing but origins ever reaches the header.
 */
export function parseOrigin(text: string): { ok: true; origin: string } | { ok: false; error: string } {
  const trimmed = text.trim().replace(/\/$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: `"${text.trim()}" is not an origin like https://wiki.example.com` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, error: `"${trimmed}" must start with https:// or http://` };
  // Only url.origin is ever kept, so what reaches the header is always a plain origin.
  if (
    /\s/.test(trimmed) ||
    url.username ||
    url.password ||
    url.pathname !== "/" ||
    url.search ||
    url.hash ||
    /[/?#]/.test(trimmed.slice(url.protocol.length + 2))
  ) {
    return { ok: false, error: `"${trimmed}" must be an origin only (scheme, host and port), like ${url.origin}` };
  }
  if (url.hostname.includes("*"))
    return { ok: false, error: `"${trimmed}": wildcards are not allowed; list each origin` };
  return { ok: true, origin: url.origin };
}

export const allowedOriginsSchema = z
  .array(z.string().max(300, "An origin is at most 300 characters"), {
    error: "List the origins allowed to frame this chart",
  })
  .transform((list, ctx) => {
    const origins: string[] = [];
    for (const text of list.filter((t) => t.trim() !== "")) {
      const parsed = parseOrigin(text);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
      else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
    }
    return origins;
  })
  .refine((origins) => origins.length > 0, "List at least one origin allowed to frame this chart")
  .refine((origins) => origins.length <= MAX_ORIGINS, `At most ${MAX_ORIGINS} origins`);

import "server-only";
import { randomBytes } from "node:crypto";
import { embedChartData } from "@/lib/embeds/embed-chart-data";
import { embedNoticeHeaders, embedPageHeaders } from "@/lib/embeds/embed-headers";
import { embedView } from "@/lib/embeds/embed-panels";
import { renderEmbedHtml, renderEmbedNotice, renderEmbedSvg } from "@/lib/embeds/render-embed";
import { rasterise } from "@/lib/embeds/rasterise";
import { resolveEmbedLink, type ResolvedEmbed } from "@/lib/embeds/resolve-embed-link";

export const EMBED_REFRESH_SECONDS = 30;

const NOTICES: Record<Exclude<ResolvedEmbed["kind"], "ok">, string> = {
  unknown: "This chart link does not exist.",
  revoked: "This chart link was revoked by the team that shared it.",
  expired: "This chart link has expired.",
};

/**
 * GET /embed/<token>: 404 with a plain notice and no data unless the token opens a live link;
 * otherwise the charts, framable only by the link's origins.
 */
export async function embedPageResponse(token: string): Promise<Response> {
  const resolved = await resolveEmbedLink(token);
  if (resolved.kind !== "ok")
    return new Response(renderEmbedNotice(NOTICES[resolved.kind]), { status: 404, headers: embedNoticeHeaders() });
  const now = Date.now();
  const view = embedView(await embedChartData(resolved, now));
  const nonce = randomBytes(16).toString("base64");
  const html = renderEmbedHtml(view, { theme: resolved.link.theme, nonce, refreshSeconds: EMBED_REFRESH_SECONDS, now });
  return new Response(html, { status: 200, headers: embedPageHeaders(resolved.origins, nonce) });
}

const IMAGE_HEADERS = {
  // Revoking or expiring a link must take effect at once, in browsers and in shared caches
  // alike: nothing may keep a copy to serve after the 404 starts.
  "Cache-Control": "no-store",
  // Opened directly, an SVG is a document: no scripts, no loads, no framing by strangers.
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
};

function imageNotFound(kind: Exclude<ResolvedEmbed["kind"], "ok">): Response {
  return new Response(NOTICES[kind], {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** GET /embed/<token>/chart.png: the same image rasterised at 2×, for chat tools and email. */
export async function embedPngResponse(token: string): Promise<Response> {
  const resolved = await resolveEmbedLink(token);
  if (resolved.kind !== "ok") return imageNotFound(resolved.kind);
  const view = embedView(await embedChartData(resolved));
  const svg = renderEmbedSvg(view, resolved.link.theme, { literalColours: true });
  const png = rasterise(svg);
  return new Response(new Uint8Array(png), { status: 200, headers: { ...IMAGE_HEADERS, "Content-Type": "image/png" } });
}

/** GET /embed/<token>/chart.svg: the same charts as one image. */
export async function embedSvgResponse(token: string): Promise<Response> {
  const resolved = await resolveEmbedLink(token);
  if (resolved.kind !== "ok") return imageNotFound(resolved.kind);
  const view = embedView(await embedChartData(resolved));
  return new Response(renderEmbedSvg(view, resolved.link.theme), {
    status: 200,
    headers: { ...IMAGE_HEADERS, "Content-Type": "image/svg+xml; charset=utf-8" },
  });
}

/** The last-resort answer of the embed routes: a plain notice, no details. */
export function embedFailure(): Response {
  return new Response("This chart could not be drawn right now.", {
    status: 500,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

import type { NextRequest, NextResponse } from "next/server";
import { ENVIRONMENT_COOKIE, environmentCookie } from "@/lib/domain/remembered-environment";

export { ENVIRONMENT_COOKIE, rememberedEnvironmentKey } from "@/lib/domain/remembered-environment";

/**
 * In the proxy: a team page opened with ?env=<key> remembers that key for the team's pages
 * (see lib/domain/remembered-environment.ts). Only for a page the browser navigates to: the
 * router's prefetches and fetches look the same to the proxy (Next.js strips their headers),
 * and a prefetch of a link is not a choice; the environment switch sets the cookie itself.
 */
export function rememberEnvironment(request: NextRequest, response: NextResponse): NextResponse {
  if (request.headers.get("sec-fetch-mode") !== "navigate") return response;
  const key = request.nextUrl.searchParams.get("env");
  const cookie = key ? environmentCookie(request.nextUrl.pathname, key) : null;
  if (!cookie || request.cookies.get(ENVIRONMENT_COOKIE)?.value === cookie.value) return response;
  response.cookies.set({ ...cookie, secure: request.nextUrl.protocol === "https:" });
  return response;
}

import type { NextRequest, NextResponse } from "next/server";

/**
 * The environment last viewed in a team, so moving between pages keeps it: choosing Staging on
 * the overview and opening Releases stays on Staging. Any page seen with ?env= remembers it (a
 * cookie scoped to the team's path, set by the proxy, so it works without JavaScript and needs
 * no change to the links); a page without ?env= opens the remembered one. ?env= always wins,
 * so a shared link shows what its sender saw.
 */
export const ENVIRONMENT_COOKIE = "glidepath-env";

const TEAM_PATH = /^\/teams\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;
const ENVIRONMENT_KEY = /^[A-Za-z0-9._-]{1,64}$/;

/** A prefetch is the router guessing where people may go, not a choice they made. */
function isPrefetch(request: NextRequest): boolean {
  const purpose = request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "";
  return request.headers.has("next-router-prefetch") || purpose.includes("prefetch");
}

/** In the proxy: a team page asked for with ?env=<key> remembers that key for the team's pages. */
export function rememberEnvironment(request: NextRequest, response: NextResponse): NextResponse {
  const team = TEAM_PATH.exec(request.nextUrl.pathname)?.[1];
  const key = request.nextUrl.searchParams.get("env");
  if (!team || !key || !ENVIRONMENT_KEY.test(key) || isPrefetch(request)) return response;
  if (request.cookies.get(ENVIRONMENT_COOKIE)?.value === key) return response;
  response.cookies.set(ENVIRONMENT_COOKIE, key, {
    path: `/teams/${team}`,
    httpOnly: true,
    sameSite: "lax",
    secure: request.nextUrl.protocol === "https:",
    maxAge: 60 * 60 * 24 * 365,
  });
  return response;
}

/** The remembered key as the page reads it (null when absent or not a key). */
export function rememberedEnvironmentKey(value: string | undefined): string | null {
  return value && ENVIRONMENT_KEY.test(value) ? value : null;
}

/**
 * The environment last chosen in a team, so moving between pages keeps it: choosing Staging on
 * the overview and opening Releases stays on Staging. A cookie scoped to the team's path: set by
 * the environment switch when clicked, and by the proxy when a team page is opened with ?env=
 * (a shared link, a page without JavaScript). A page without ?env= opens the remembered one;
 * ?env= always wins, so a shared link shows what its sender saw. Not secret: not httpOnly, so
 * the switch can write it before the navigation it starts.
 */
export const ENVIRONMENT_COOKIE = "glidepath-env";

const TEAM_PATH = /^\/teams\/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)/;
const ENVIRONMENT_KEY = /^[A-Za-z0-9._-]{1,64}$/;
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** The team slug of a team page's path, or null. */
export function teamOfPath(path: string): string | null {
  return TEAM_PATH.exec(path)?.[1] ?? null;
}

/** A remembered key as read back (null when absent or not a key). */
export function rememberedEnvironmentKey(value: string | undefined | null): string | null {
  return value && ENVIRONMENT_KEY.test(value) ? value : null;
}

/** Cookie attributes for remembering `key` in the team of `path`; null when either is not one. */
export function environmentCookie(path: string, key: string) {
  const team = teamOfPath(path);
  if (!team || !rememberedEnvironmentKey(key)) return null;
  return {
    name: ENVIRONMENT_COOKIE,
    value: key,
    path: `/teams/${team}`,
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax" as const,
  };
}

/** The same as a `document.cookie` assignment. */
export function environmentCookieString(path: string, key: string): string | null {
  const cookie = environmentCookie(path, key);
  return cookie ? `${cookie.name}=${cookie.value}; Path=${cookie.path}; Max-Age=${cookie.maxAge}; SameSite=Lax` : null;
}

import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { oidcConfig } from "./auth-config";

export const LOOPBACK_HOST = "127.0.0.1";

export type DevLoginPlan = {
  /** What GLIDEPATH_DEV_LOGIN the server runs with. */
  devLogin: boolean;
  /** The address `next start` listens on; null: Next.js' default, every interface. */
  host: string | null;
  /** Said at start, before the server listens. */
  notes: string[];
  warnings: string[];
};

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * How `npm start` (and the browser-test servers) expose the development sign-in, which lets
 * anyone who reaches /signin pick any user, admins included:
 * - the embedded demo (SQLite, no HOST, no OIDC) keeps its one-click demo users but listens
 *   on 127.0.0.1 only;
 * - any other setup — PostgreSQL, or HOST set — is a real deployment: the development sign-in
 *   stays off unless GLIDEPATH_DEV_LOGIN=1 asks for it, and that is said loudly;
 * - GLIDEPATH_DEV_LOGIN=0, or an OIDC provider, turns it off.
 */
export function devLoginPlan(env: Record<string, string | undefined> = process.env): DevLoginPlan {
  const requested = env.GLIDEPATH_DEV_LOGIN?.trim();
  const host = env.HOST?.trim() || null;
  const oidc = oidcConfig(env) !== null;
  const embedded = providerOf(databaseUrl(env)) === "sqlite";
  const notes: string[] = [];
  const warnings: string[] = [];

  let devLogin: boolean;
  if (requested === "1") devLogin = true;
  else if (requested === "0") devLogin = false;
  else if (oidc) devLogin = false;
  else if (embedded && !host) devLogin = true;
  else {
    devLogin = false;
    const why = host ? `HOST is set (${host})` : "the database is PostgreSQL";
    warnings.push(
      `Development sign-in is off because ${why}: nobody can sign in until you configure AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET (or set GLIDEPATH_DEV_LOGIN=1 on a machine only you can reach).`,
    );
  }

  if (!devLogin) return { devLogin, host, notes, warnings };
  if (!host) {
    notes.push(
      `Development sign-in is on (anyone who opens /signin can pick any demo user), so the server listens on ${LOOPBACK_HOST} only. Set HOST and configure OIDC to open it to the network.`,
    );
    return { devLogin, host: LOOPBACK_HOST, notes, warnings };
  }
  if (!isLoopback(host)) {
    warnings.push(
      `Development sign-in is on and the server listens on ${host}: anyone who can reach it can sign in as any user, admins included.`,
    );
  }
  return { devLogin, host, notes, warnings };
}

/** `next start` arguments for a port and a plan's listen address. */
export function nextStartArgs(port: number, host: string | null): string[] {
  return ["start", "-p", String(port), ...(host ? ["-H", host] : [])];
}

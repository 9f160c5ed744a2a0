/** Which ways in are enabled; read from the environment at request time. */
export function oidcConfig(env: Record<string, string | undefined> = process.env) {
  const issuer = env.AUTH_OIDC_ISSUER?.trim();
  const clientId = env.AUTH_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.AUTH_OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: issuer.replace(/\/+$/, ""),
    clientId,
    clientSecret,
    name: env.AUTH_OIDC_NAME?.trim() || "Single sign-on",
  };
}

/**
 * The development sign-in lets anyone pick a seeded user, so it is off in production builds
 * and whenever a real identity provider is configured, unless explicitly switched on.
 */
export function devLoginEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GLIDEPATH_DEV_LOGIN === "1") return true;
  if (env.GLIDEPATH_DEV_LOGIN === "0") return false;
  return env.NODE_ENV !== "production" && !oidcConfig(env);
}

/** Pure: the key in `Authorization: Bearer <key>`, or why there is none. */
export type PresentedKey = { ok: true; key: string } | { ok: false; missing: boolean; message: string };

const HOW =
  "Send an admin API key as `Authorization: Bearer gp_admin_…` (admins create them on the team's API keys page)";

export function parseBearerKey(authorization: string | null | undefined): PresentedKey {
  const header = authorization?.trim() ?? "";
  if (!header) return { ok: false, missing: true, message: `No API key. ${HOW}` };
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!key) return { ok: false, missing: false, message: `The Authorization header is not a bearer token. ${HOW}` };
  return { ok: true, key };
}

/**
 * A display name for someone added by email before they ever signed in: the local part split
 * on dots, dashes and underscores, each word capitalised ("zoe.van-dyke@x" → "Zoe Van Dyke").
 * Their identity provider's name does not replace it on first sign-in (linkOidcUser keeps the
 * row as it is), so admins can give a name when adding.
 */
export function nameFromEmail(email: string): string {
  const local = email.split("@")[0]?.split("+")[0] ?? "";
  const words = local.split(/[._-]+/).filter(Boolean);
  if (words.length === 0) return email;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}

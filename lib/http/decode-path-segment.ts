import { hasControlCharacter } from "./control-character-parameter";

/**
 * One raw (still percent-encoded) path segment, decoded; `null` when it is not valid
 * percent-encoded UTF-8 (`%E0%A4%A`, `%`, `%C0%AF`) or decodes to a control character.
 * Never throws: callers answer `null` with a 400 of their API instead of crashing.
 */
export function decodePathSegment(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // Control characters never belong to a key, slug, id or token, and a NUL reaching a
  // PostgreSQL query is an error (not a miss): refuse them with the malformed encodings.
  return hasControlCharacter(decoded) ? null : decoded;
}

/** Whether every segment of a raw URL path decodes (see decodePathSegment). */
export function isDecodablePath(rawPathname: string): boolean {
  return rawPathname.split("/").every((segment) => segment === "" || decodePathSegment(segment) !== null);
}

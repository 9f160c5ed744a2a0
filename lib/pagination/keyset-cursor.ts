/**
 * Where the next page of a newest-first list starts: the last row shown, by its time and id
 * (ids break ties between rows written in the same millisecond). Opaque in the URL, and
 * stable while new rows arrive, unlike an offset.
 */
export type KeysetCursor = { at: Date; id: string };

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** Null for anything that is not a cursor this module wrote (the list then starts at the newest). */
export function decodeCursor(text: string | null | undefined): KeysetCursor | null {
  if (!text || text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const [iso, id, ...rest] = Buffer.from(text, "base64url").toString("utf8").split("|");
  if (!iso || !id || rest.length > 0 || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== iso) return null;
  return { at, id };
}

/** The Prisma condition for "older than the cursor" on a (createdAt desc, id desc) order. */
export function olderThan(cursor: KeysetCursor) {
  return {
    OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }],
  };
}

import "server-only";
import type { Db } from "@/lib/db/client";

/**
 * One row per controller name says which instance may act and until when. Taking it is one
 * guarded update (ours, or expired) or, the first time, one insert that a concurrent insert
 * loses on the primary key: on SQLite and PostgreSQL alike exactly one instance wins.
 */
export async function acquireLease(
  db: Db,
  input: { name: string; holder: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  const taken = await db.controllerLease.updateMany({
    where: { name: input.name, OR: [{ holder: input.holder }, { expiresAt: { lt: input.now } }] },
    data: { holder: input.holder, expiresAt },
  });
  if (taken.count === 1) return true;
  try {
    await db.controllerLease.create({ data: { name: input.name, holder: input.holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") return false;
    // A row exists and is someone else's: the update above matched nothing.
    const row = await db.controllerLease.findUnique({ where: { name: input.name } });
    if (row) return false;
    throw error;
  }
}

/** Gives the lease up at shutdown so another instance takes over at once rather than after the TTL. */
export async function releaseLease(db: Db, input: { name: string; holder: string }): Promise<void> {
  await db.controllerLease.deleteMany({ where: { name: input.name, holder: input.holder } });
}

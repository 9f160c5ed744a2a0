import "server-only";
import { getServerSession } from "next-auth";
import { readDb } from "@/lib/db/transaction";
import type { Actor } from "./actor";
import { authOptions } from "./auth-options";

/** The signed-in user as an actor, or null. The user row must still exist. */
export async function getActor(): Promise<Extract<Actor, { type: "user" }> | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await readDb().user.findUnique({ where: { id }, select: { id: true, name: true } });
  return user ? { type: "user", id: user.id, name: user.name } : null;
}

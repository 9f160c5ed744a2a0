import "server-only";
import { notFound, redirect } from "next/navigation";
import { getActor } from "@/lib/auth/get-actor";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors/domain-errors";

/** For server components: the signed-in actor, or a redirect to sign-in. */
export async function requirePageActor(callbackUrl: string) {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return actor;
}

/** Maps "not found" domain errors to the 404 page; everything else propagates. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof UnauthenticatedError) redirect("/signin");
    throw error;
  }
}

import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getActor } from "@/lib/auth/get-actor";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors/domain-errors";

/** Once per request: a team's layout and its page both ask. */
const currentActor = cache(getActor);

/** For server components: the signed-in actor, or a redirect to sign-in. */
export async function requirePageActor(callbackUrl: string) {
  const actor = await currentActor();
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

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/get-actor";
import { ConflictError, isDomainError, UnauthenticatedError, ValidationError } from "@/lib/errors/domain-errors";
import type { ActionResult } from "./action-result";

/**
 * The one wrapper every server action goes through. Server actions are public endpoints, so
 * the session is resolved here and the use case authorises the role; expected domain errors
 * become their message, anything else a generic one and a log line.
 */
export async function runAction<T>(work: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await getActor();
    if (!actor) throw new UnauthenticatedError("You are signed out. Sign in again; nothing was changed.");
    return { ok: true, data: await work(actor) };
  } catch (error) {
    if (isDomainError(error)) {
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
          ...(error instanceof ConflictError && error.current !== undefined ? { current: error.current } : {}),
        },
      };
    }
    console.error("[action] unexpected error", error);
    return { ok: false, error: { code: "internal", message: "Something went wrong; nothing was changed. Try again." } };
  }
}

import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/get-actor";
import { UnauthenticatedError } from "@/lib/errors/domain-errors";
import { errorResponse } from "@/lib/errors/error-response";
import type { ActionResult } from "./action-result";

/**
 * The one wrapper every server action goes through. Server actions are public endpoints, so
 * the session is resolved here and the use case authorises the role; a thrown error becomes
 * the shared error response (lib/errors/error-response.ts) without its HTTP status.
 *
 * `Current` names what the use case puts on its ConflictError (the state the change ran into),
 * so the page can show it; actions whose use case throws none leave it out.
 */
export async function runAction<T, Current = never>(
  work: (actor: Actor) => Promise<T>,
): Promise<ActionResult<T, Current>> {
  try {
    const actor = await getActor();
    if (!actor) throw new UnauthenticatedError("You are signed out. Sign in again; nothing was changed.");
    return { ok: true, data: await work(actor) };
  } catch (error) {
    const { status: _status, current, ...rest } = errorResponse(error, "[action] unexpected error");
    // The use case's ConflictError<Current> is the only source of `current`.
    return { ok: false, error: current === undefined ? rest : { ...rest, current: current as Current } };
  }
}

import "server-only";
import { cancelChangeRequest } from "@/lib/approvals/cancel-change-request";
import { getChangeRequest } from "@/lib/approvals/get-change-request";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { getTeamAccess } from "@/lib/auth/get-team-access";
import type { RestPrincipal } from "./authenticate-api-key";
import { parseBody } from "./parse-body";
import { cancelBodySchema, type RestChangeRequest } from "./rest-schemas";
import { restChangeRequest } from "./rest-views";

export async function restGetChangeRequest(principal: RestPrincipal, id: string): Promise<RestChangeRequest> {
  return restChangeRequest(await getChangeRequest(await getTeamAccess(principal.actor, principal.teamSlug), { id }));
}

export async function restListChangeRequests(
  principal: RestPrincipal,
  filter: { releaseKey?: string; environmentKey?: string },
) {
  const { pending, decided } = await listChangeRequests(
    await getTeamAccess(principal.actor, principal.teamSlug),
    filter,
  );
  return { pending: pending.map(restChangeRequest), decided: decided.map(restChangeRequest) };
}

/** A key withdraws a request it made (approving is for people: keys are viewer or editor). */
export async function restCancelChangeRequest(
  principal: RestPrincipal,
  id: string,
  rawBody: unknown,
): Promise<RestChangeRequest> {
  const body = parseBody(cancelBodySchema, rawBody, { optional: true });
  return restChangeRequest(
    await cancelChangeRequest(principal.actor, { teamSlug: principal.teamSlug, id, comment: body.comment }),
  );
}

import { restCancelChangeRequest } from "@/lib/rest/rest-change-requests";
import { restJson, restRoute } from "@/lib/rest/rest-route";

export const dynamic = "force-dynamic";

export const POST = restRoute<{ id: string }>(async ({ params, principal, body }) => restJson(await restCancelChangeRequest(principal, params.id, await body())));

import { restCancelChangeRequest } from "@/lib/http/rest/rest-change-requests";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const POST = restRoute<{ id: string }>(async ({ params, principal, body }) =>
  restJson(await restCancelChangeRequest(principal, params.id, await body())),
);

import { restGetChangeRequest } from "@/lib/http/rest/rest-change-requests";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ id: string }>(async ({ params, principal }) =>
  restJson(await restGetChangeRequest(principal, params.id)),
);

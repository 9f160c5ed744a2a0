import { restGetChangeRequest } from "@/lib/rest/rest-change-requests";
import { restJson, restRoute } from "@/lib/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ id: string }>(async ({ params, principal }) => restJson(await restGetChangeRequest(principal, params.id)));

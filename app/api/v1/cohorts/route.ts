import { restListCohorts } from "@/lib/http/rest/rest-reads";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute(async ({ principal }) => restJson(await restListCohorts(principal)));

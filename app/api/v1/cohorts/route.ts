import { restListCohorts } from "@/lib/rest/rest-reads";
import { restJson, restRoute } from "@/lib/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute(async ({ principal }) => restJson(await restListCohorts(principal)));

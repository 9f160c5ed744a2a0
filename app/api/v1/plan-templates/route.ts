import { restListPlanTemplates } from "@/lib/http/rest/rest-plans";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute(async ({ principal }) => restJson(await restListPlanTemplates(principal)));

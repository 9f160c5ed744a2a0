import { restPlanChangeResponse, restPlanCreatedResponse } from "@/lib/http/rest/rest-plan-response";
import { restCreatePlan, restGetPlan, restUpdatePlan } from "@/lib/http/rest/rest-plans";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

type Params = { release: string; environment: string };
const target = (params: Params) => ({ releaseKey: params.release, environmentKey: params.environment });

export const GET = restRoute<Params>(async ({ params, principal }) =>
  restJson(await restGetPlan(principal, target(params))),
);

export const POST = restRoute<Params>(async ({ params, principal, body }) =>
  restPlanCreatedResponse(await restCreatePlan(principal, target(params), await body())),
);

export const PUT = restRoute<Params>(async ({ params, principal, body }) =>
  restPlanChangeResponse(await restUpdatePlan(principal, target(params), await body())),
);

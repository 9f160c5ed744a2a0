import { restGetRollout } from "@/lib/rest/rest-reads";
import { restJson, restRoute } from "@/lib/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ release: string; environment: string }>(async ({ params, principal }) =>
  restJson(await restGetRollout(principal, params.release, params.environment)),
);

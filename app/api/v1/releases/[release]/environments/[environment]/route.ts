import { restGetRollout } from "@/lib/http/rest/rest-reads";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ release: string; environment: string }>(async ({ params, principal }) =>
  restJson(await restGetRollout(principal, params.release, params.environment)),
);

import { restGetRelease } from "@/lib/http/rest/rest-reads";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute<{ release: string }>(async ({ params, principal }) =>
  restJson(await restGetRelease(principal, params.release)),
);

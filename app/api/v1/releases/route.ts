import { restListReleases } from "@/lib/http/rest/rest-reads";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute(async ({ request, principal }) =>
  restJson(await restListReleases(principal, new URL(request.url).searchParams)),
);

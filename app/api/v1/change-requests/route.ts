import { restListChangeRequests } from "@/lib/http/rest/rest-change-requests";
import { restJson, restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const GET = restRoute(async ({ request, principal }) => {
  const query = new URL(request.url).searchParams;
  return restJson(
    await restListChangeRequests(principal, {
      releaseKey: query.get("release") ?? undefined,
      environmentKey: query.get("environment") ?? undefined,
    }),
  );
});

import { restRolloutChangeResponse } from "@/lib/http/rest/rest-rollout-response";
import { restSetPercentages } from "@/lib/http/rest/rest-rollout-changes";
import { restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

export const PUT = restRoute<{ release: string; environment: string }>(async ({ params, principal, body }) =>
  restRolloutChangeResponse(
    await restSetPercentages(
      principal,
      { releaseKey: params.release, environmentKey: params.environment },
      await body(),
    ),
  ),
);

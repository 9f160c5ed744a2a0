import { NotFoundError } from "@/lib/errors/domain-errors";
import { restPlanChangeResponse } from "@/lib/http/rest/rest-plan-response";
import { planCommandNameSchema } from "@/lib/http/rest/rest-plan-schemas";
import { restRunPlanCommand } from "@/lib/http/rest/rest-plans";
import { restRoute } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

/** POST …/plan/start | pause | resume | skip | continue | cancel */
export const POST = restRoute<{ release: string; environment: string; command: string }>(
  async ({ params, principal, body }) => {
    const command = planCommandNameSchema.safeParse(params.command);
    if (!command.success)
      throw new NotFoundError(
        `No such plan command "${params.command}"; use one of ${planCommandNameSchema.options.join(", ")}`,
      );
    return restPlanChangeResponse(
      await restRunPlanCommand(
        principal,
        { releaseKey: params.release, environmentKey: params.environment },
        command.data,
        await body(),
      ),
    );
  },
);

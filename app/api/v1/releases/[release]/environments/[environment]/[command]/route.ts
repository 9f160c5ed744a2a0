import { NotFoundError } from "@/lib/errors/domain-errors";
import { restRolloutChangeResponse } from "@/lib/http/rest/rest-rollout-response";
import { restRunCommand } from "@/lib/http/rest/rest-rollout-changes";
import { restRoute } from "@/lib/http/rest/rest-route";
import { restCommandSchema } from "@/lib/http/rest/rest-schemas";

export const dynamic = "force-dynamic";

/** POST …/start | pause | resume | promote | rollback | restart */
export const POST = restRoute<{ release: string; environment: string; command: string }>(
  async ({ params, principal, body }) => {
    const command = restCommandSchema.safeParse(params.command);
    if (!command.success)
      throw new NotFoundError(
        `No such command "${params.command}"; use one of ${restCommandSchema.options.join(", ")}`,
      );
    return restRolloutChangeResponse(
      await restRunCommand(
        principal,
        { releaseKey: params.release, environmentKey: params.environment },
        command.data,
        await body(),
      ),
    );
  },
);

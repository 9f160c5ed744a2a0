import "server-only";
import { z } from "zod";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { changeRequestIdSchema } from "@/lib/change-requests/change-request-schemas";
import { expireChangeRequests } from "./expire-change-requests";
import { loadChangeRequest } from "@/lib/change-requests/load-change-request";
import { toChangeRequestView } from "@/lib/change-requests/to-change-request-view";

const getChangeRequestSchema = z.object({ id: changeRequestIdSchema });

/** One request of the team; any member may read it. */
export async function getChangeRequest(
  access: TeamAccess,
  rawInput: z.input<typeof getChangeRequestSchema>,
): Promise<ChangeRequestView> {
  const input = parseInput(getChangeRequestSchema, rawInput);
  const db = readDb();
  await expireChangeRequests({ teamId: access.teamId });
  const row = await loadChangeRequest(db, access.teamId, input.id);
  const cohorts = await db.cohort.findMany({ where: { teamId: access.teamId }, select: { key: true, name: true } });
  return toChangeRequestView(row, new Map(cohorts.map((c) => [c.key, c.name])));
}

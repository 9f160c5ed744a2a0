import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { z } from "zod";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { changeRequestIdSchema } from "@/lib/change-requests/change-request-schemas";
import { expireChangeRequests } from "./expire-change-requests";
import { loadChangeRequest } from "@/lib/change-requests/load-change-request";
import { toChangeRequestView } from "@/lib/change-requests/to-change-request-view";

const getChangeRequestSchema = z.object({ teamSlug: teamSlugSchema, id: changeRequestIdSchema });

export async function getChangeRequest(actor: Actor | null, rawInput: unknown): Promise<ChangeRequestView> {
  const input = parseInput(getChangeRequestSchema, rawInput);
  const db = readDb();
  const access = await requireRole(db, actor, input.teamSlug, "viewer");
  await expireChangeRequests({ teamId: access.teamId });
  const row = await loadChangeRequest(db, access.teamId, input.id);
  const cohorts = await db.cohort.findMany({ where: { teamId: access.teamId }, select: { key: true, name: true } });
  return toChangeRequestView(row, new Map(cohorts.map((c) => [c.key, c.name])));
}

import { z } from "zod";
import { parseRow } from "@/lib/db/parse-row";
import { RELEASE_STATUSES } from "@/lib/domain/rollout-state";

export const releaseRolloutRowSchema = z.object({ status: z.enum(RELEASE_STATUSES) });

/** A release's rollout in one environment, its status typed. */
export function toReleaseRollout<R extends { id: string; status: string }>(row: R) {
  return parseRow("ReleaseRollout", releaseRolloutRowSchema, row);
}

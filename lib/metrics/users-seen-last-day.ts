import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { getDb } from "@/lib/db/client";
import { estimateCohortUsers } from "./builtin/exposure-queries";
import type { CohortUsers } from "./estimate-user-change";

const DAY_MS = 86_400_000;

/**
 * Distinct users per cohort over the last 24 h, for the change preview's "≈ +N users". Null
 * when there was no traffic or the store could not answer: the preview then says nothing
 * rather than a number it cannot back, and the page still renders. Any member may read; the
 * environment is the one in view.
 */
export async function usersSeenLastDay(
  context: TeamContext,
  input: { releaseKey: string; cohortKeys: readonly string[] },
  now = Date.now(),
): Promise<CohortUsers | null> {
  const selector = {
    environmentId: context.environment.id,
    releaseKey: input.releaseKey,
    cohortKeys: input.cohortKeys,
  };
  try {
    const users = await estimateCohortUsers(getDb(), selector, { from: now - DAY_MS, to: now });
    const seen = [...users].filter(([, n]) => n > 0);
    return seen.length ? Object.fromEntries(seen) : null;
  } catch (error) {
    console.error("[metrics] estimating users per cohort failed", error);
    return null;
  }
}

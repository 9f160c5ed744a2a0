"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { restoreRelease } from "@/lib/releases/archive-release";
import { createRelease } from "@/lib/releases/create-release";

// The form posts loosely typed values; the use case's schema is the one that decides.
export async function createReleaseAction(input: Record<string, unknown>) {
  return runAction(async (actor) => {
    const release = await createRelease(actor, input);
    return { key: release.key };
  });
}

export async function restoreReleaseAction(input: { teamSlug: string; releaseKey: string }) {
  return runAction((actor) => restoreRelease(actor, input));
}

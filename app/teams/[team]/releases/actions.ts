"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { restoreRelease, type ArchiveReleaseInput } from "@/lib/releases/archive-release";
import { createRelease, type CreateReleaseInput } from "@/lib/releases/create-release";

// Typed as the use case's schema input for the form's sake; the schema is the one that decides.
export async function createReleaseAction(input: CreateReleaseInput) {
  return runAction(async (actor) => {
    const release = await createRelease(actor, input);
    return { key: release.key };
  });
}

export async function restoreReleaseAction(input: ArchiveReleaseInput) {
  return runAction((actor) => restoreRelease(actor, input));
}

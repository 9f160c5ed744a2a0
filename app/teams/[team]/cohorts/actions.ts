"use server";

import { runAction } from "@/lib/actions/run-action";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { updateCohort } from "@/lib/cohorts/update-cohort";

// Forms post loosely typed values; each use case's zod schema decides what is valid.

export async function createCohortAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await createCohort(actor, input)).key }));
}

export async function updateCohortAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await updateCohort(actor, input)).key }));
}

export async function moveCohortAction(input: { teamSlug: string; cohortKey: string; direction: "up" | "down" }) {
  return runAction(async (actor) => ({ order: await moveCohort(actor, input) }));
}

"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { archiveCohort, restoreCohort } from "@/lib/cohorts/archive-cohort";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { updateCohort } from "@/lib/cohorts/update-cohort";

// Forms post loosely typed values; each use case's zod schema decides what is valid.

export async function createCohortAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await createCohort(actor, input)).key }));
}

export async function updateCohortAction(input: Record<string, unknown>) {
  return runAction((actor) => updateCohort(actor, input));
}

export async function moveCohortAction(input: { teamSlug: string; cohortKey: string; direction: "up" | "down" }) {
  return runAction((actor) => moveCohort(actor, input));
}

export async function archiveCohortAction(input: { teamSlug: string; cohortKey: string; expectedVersion: number; comment?: string }) {
  return runAction((actor) => archiveCohort(actor, input));
}

export async function restoreCohortAction(input: { teamSlug: string; cohortKey: string }) {
  return runAction((actor) => restoreCohort(actor, input));
}

"use server";

import { runAction } from "@/lib/http/actions/run-action";
import {
  archiveCohort,
  restoreCohort,
  type ArchiveCohortInput,
  type RestoreCohortInput,
} from "@/lib/cohorts/archive-cohort";
import { createCohort, type CreateCohortInput } from "@/lib/cohorts/create-cohort";
import { moveCohort, type MoveCohortInput } from "@/lib/cohorts/move-cohort";
import { previewCohortChange, type PreviewCohortChangeInput } from "@/lib/cohorts/preview-cohort-change";
import { updateCohort, type UpdateCohortInput } from "@/lib/cohorts/update-cohort";

// Inputs are typed as each use case's schema input for the page's sake; the schema still decides
// what is valid (these are public endpoints).

export async function createCohortAction(input: CreateCohortInput) {
  return runAction(async (actor) => ({ key: (await createCohort(actor, input)).key }));
}

export async function updateCohortAction(input: UpdateCohortInput) {
  return runAction((actor) => updateCohort(actor, input));
}

export async function moveCohortAction(input: MoveCohortInput) {
  return runAction((actor) => moveCohort(actor, input));
}

export async function archiveCohortAction(input: ArchiveCohortInput) {
  return runAction((actor) => archiveCohort(actor, input));
}

export async function restoreCohortAction(input: RestoreCohortInput) {
  return runAction((actor) => restoreCohort(actor, input));
}

export async function previewCohortChangeAction(input: PreviewCohortChangeInput) {
  return runAction((actor) => previewCohortChange(actor, input));
}

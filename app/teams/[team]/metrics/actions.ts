"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import {
  deleteMetricDefinition,
  type DeleteMetricDefinitionInput,
} from "@/lib/metrics/definitions/delete-metric-definition";
import type {
  CreateMetricDefinitionInput,
  UpdateMetricDefinitionInput,
} from "@/lib/metrics/definitions/metric-definition-schemas";
import { moveMetricDefinition, type MoveMetricDefinitionInput } from "@/lib/metrics/definitions/move-metric-definition";
import type { PrometheusSettingsInput } from "@/lib/metrics/definitions/prometheus-settings-schema";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import {
  updateMetricDefinition,
  type MetricDefinitionConflict,
} from "@/lib/metrics/definitions/update-metric-definition";

// Inputs are typed as each use case's schema input for the page's sake; the schema still decides
// what is valid (these are public endpoints).

export async function createMetricDefinitionAction(input: CreateMetricDefinitionInput) {
  return runAction(async (actor) => ({ key: (await createMetricDefinition(actor, input)).key }));
}

/** A conflict carries the metric as it is now. */
export async function updateMetricDefinitionAction(input: UpdateMetricDefinitionInput) {
  return runAction<{ key: string }, MetricDefinitionConflict>(async (actor) => ({
    key: (await updateMetricDefinition(actor, input)).key,
  }));
}

export async function deleteMetricDefinitionAction(input: DeleteMetricDefinitionInput) {
  return runAction((actor) => deleteMetricDefinition(actor, input));
}

export async function moveMetricDefinitionAction(input: MoveMetricDefinitionInput) {
  return runAction(async (actor) => ({ order: await moveMetricDefinition(actor, input) }));
}

/** Answers only the URL and whether a token is set: the token itself never goes back. */
export async function setPrometheusSettingsAction(input: PrometheusSettingsInput) {
  return runAction((actor) => setPrometheusSettings(actor, input));
}

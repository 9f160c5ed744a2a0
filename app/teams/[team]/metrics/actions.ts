"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { deleteMetricDefinition } from "@/lib/metrics/definitions/delete-metric-definition";
import { moveMetricDefinition } from "@/lib/metrics/definitions/move-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import { updateMetricDefinition } from "@/lib/metrics/definitions/update-metric-definition";

// Forms post loosely typed values; each use case's zod schema decides what is valid.

export async function createMetricDefinitionAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await createMetricDefinition(actor, input)).key }));
}

export async function updateMetricDefinitionAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await updateMetricDefinition(actor, input)).key }));
}

export async function deleteMetricDefinitionAction(input: { teamSlug: string; metricKey: string }) {
  return runAction((actor) => deleteMetricDefinition(actor, input));
}

export async function moveMetricDefinitionAction(input: { teamSlug: string; metricKey: string; direction: "up" | "down" }) {
  return runAction(async (actor) => ({ order: await moveMetricDefinition(actor, input) }));
}

/** Answers only the URL and whether a token is set: the token itself never goes back. */
export async function setPrometheusSettingsAction(input: Record<string, unknown>) {
  return runAction((actor) => setPrometheusSettings(actor, input));
}

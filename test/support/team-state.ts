import { expect } from "vitest";
import { getDb } from "@/lib/db/client";

/**
 * Everything a use case could change for a team, in a deterministic order, so "nothing was
 * changed" is one deep equality (timestamps included: a touched row would move them).
 */
export async function teamState(teamId: string) {
  const db = getDb();
  const [
    team,
    environments,
    releases,
    cohorts,
    rollouts,
    auditEvents,
    memberships,
    apiKeys,
    approvalPolicies,
    changeRequests,
    webhooks,
    webhookDeliveries,
    metricDefinitions,
  ] = await Promise.all([
    db.team.findUnique({ where: { id: teamId } }),
    db.environment.findMany({ where: { teamId }, orderBy: { key: "asc" } }),
    db.release.findMany({ where: { teamId }, orderBy: { key: "asc" } }),
    db.cohort.findMany({ where: { teamId }, orderBy: { key: "asc" } }),
    db.releaseRollout.findMany({
      where: { release: { teamId } },
      include: { cohorts: { orderBy: { cohortId: "asc" } } },
      orderBy: [{ releaseId: "asc" }, { environmentId: "asc" }],
    }),
    db.auditEvent.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.apiKey.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.approvalPolicy.findMany({ where: { environment: { teamId } }, orderBy: { id: "asc" } }),
    db.changeRequest.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.webhook.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.webhookDelivery.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.metricDefinition.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
  ]);
  return {
    team,
    metricDefinitions,
    environments,
    releases,
    cohorts,
    rollouts,
    auditEvents,
    memberships,
    apiKeys,
    approvalPolicies,
    changeRequests,
    webhooks,
    webhookDeliveries,
  };
}

export function auditCount(teamId: string, action?: string) {
  return getDb().auditEvent.count({ where: { teamId, ...(action ? { action } : {}) } });
}

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** Awaits a promise that must reject with the given error class; returns the error. */
export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  let outcome: { rejected: true; error: unknown } | { rejected: false; value: unknown };
  try {
    outcome = { rejected: false, value: await promise };
  } catch (error) {
    outcome = { rejected: true, error };
  }
  if (!outcome.rejected) throw new Error(`Expected a ${type.name}, but the call succeeded`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as E;
}

/** The call must be refused with `type` and leave every row of the team as it was. */
export async function expectRefusedUnchanged<E extends Error>(
  teamId: string,
  call: () => Promise<unknown>,
  type: ErrorClass<E>,
): Promise<E> {
  const before = await teamState(teamId);
  const error = await rejectionOf(call(), type);
  expect(await teamState(teamId)).toEqual(before);
  return error;
}

/** The stored rollout of a release in one environment, with cohort percentages by key. */
export async function storedRollout(releaseId: string, environmentId: string) {
  const rollout = await getDb().releaseRollout.findUniqueOrThrow({
    where: { releaseId_environmentId: { releaseId, environmentId } },
    include: { cohorts: { include: { cohort: { select: { key: true } } } } },
  });
  return {
    status: rollout.status,
    version: rollout.version,
    defaultBasisPoints: rollout.defaultBasisPoints,
    cohorts: Object.fromEntries(rollout.cohorts.map((c) => [c.cohort.key, c.basisPoints])),
    updatedByName: rollout.updatedByName,
  };
}

export async function configVersionOf(environmentId: string) {
  return (await getDb().environment.findUniqueOrThrow({ where: { id: environmentId } })).configVersion;
}

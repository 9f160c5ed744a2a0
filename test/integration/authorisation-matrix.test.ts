import { describe, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { rejectChangeRequest } from "@/lib/approvals/reject-change-request";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import type { Actor } from "@/lib/auth/actor";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { updateCohort } from "@/lib/cohorts/update-cohort";
import { getDb } from "@/lib/db/client";
import { roleAtLeast, type Role } from "@/lib/domain/roles";
import { createEnvironment } from "@/lib/environments/create-environment";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors/domain-errors";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { deleteMetricDefinition } from "@/lib/metrics/definitions/delete-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { setRollout } from "@/lib/releases/set-rollout";
import { updateRelease } from "@/lib/releases/update-release";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { expectRefusedUnchanged } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

/** What every mutation may need: a release, two cohorts, a metric, a key, a pending request. */
type World = { fx: TeamFixture; slug: string; sdkKeyId: string; requestId: string };

async function world(): Promise<World> {
  const fx = await createTeamFixture();
  const slug = fx.team.slug;
  await scenario(fx).release("guarded", "Guarded");
  await scenario(fx).keysCohort("beta", ["alice"]);
  await scenario(fx).keysCohort("staff", ["sam"]);
  await createMetricDefinition(fx.actors.editor, {
    teamSlug: slug,
    key: "errors",
    name: "Errors",
    kind: "error_rate",
    badDirection: "up",
    source: "builtin",
  });
  const key = await createSdkKey(fx.actors.admin, { teamSlug: slug, environmentKey: "production", name: "app" });
  // A pending request by editor2 in staging, for approve/reject.
  await setApprovalPolicy(fx.actors.admin, {
    teamSlug: slug,
    environmentKey: "staging",
    expectedVersion: 0,
    cohortThresholdBasisPoints: 0,
    defaultAboveZero: true,
    promote: true,
    criticalReleases: true,
    expiryMinutes: 60,
  });
  const request = await changeReleaseStatus(fx.actors.editor2, {
    teamSlug: slug,
    releaseKey: "guarded",
    environmentKey: "staging",
    command: "promote",
    expectedVersion: 1,
  });
  return { fx, slug, sdkKeyId: key.id, requestId: request.pendingApproval!.id };
}

// Every mutation of the dashboard with the least role it needs, and input that succeeds for it.
const MUTATIONS: [string, Role, (actor: Actor | null, w: World) => Promise<unknown>][] = [
  ["createRelease", "editor", (a, w) => createRelease(a, { teamSlug: w.slug, key: "another", name: "Another" })],
  ["updateRelease", "editor", (a, w) => updateRelease(a, { teamSlug: w.slug, releaseKey: "guarded", name: "Renamed" })],
  [
    "setRollout",
    "editor",
    (a, w) =>
      setRollout(a, {
        teamSlug: w.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 100,
        cohorts: { beta: 100 },
      }),
  ],
  [
    "changeReleaseStatus start",
    "editor",
    (a, w) =>
      changeReleaseStatus(a, {
        teamSlug: w.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        command: "start",
        expectedVersion: 1,
      }),
  ],
  [
    "changeReleaseStatus rollback",
    "editor",
    (a, w) =>
      changeReleaseStatus(a, {
        teamSlug: w.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        command: "rollback",
      }),
  ],
  [
    "createCohort",
    "editor",
    (a, w) =>
      createCohort(a, {
        teamSlug: w.slug,
        key: "vip",
        name: "VIP",
        definition: { kind: "keys", targetingKeys: ["v"] },
      }),
  ],
  [
    "updateCohort",
    "editor",
    (a, w) =>
      updateCohort(a, {
        teamSlug: w.slug,
        cohortKey: "beta",
        expectedVersion: 1,
        name: "Beta",
        definition: { kind: "keys", targetingKeys: ["x"] },
      }),
  ],
  ["moveCohort", "editor", (a, w) => moveCohort(a, { teamSlug: w.slug, cohortKey: "staff", direction: "up" })],
  [
    "createMetricDefinition",
    "editor",
    (a, w) =>
      createMetricDefinition(a, {
        teamSlug: w.slug,
        key: "latency",
        name: "Latency",
        unit: "ms",
        kind: "latency",
        badDirection: "up",
        source: "builtin",
      }),
  ],
  ["deleteMetricDefinition", "editor", (a, w) => deleteMetricDefinition(a, { teamSlug: w.slug, metricKey: "errors" })],
  ["approveChangeRequest", "approver", (a, w) => approveChangeRequest(a, { teamSlug: w.slug, id: w.requestId })],
  [
    "rejectChangeRequest",
    "approver",
    (a, w) => rejectChangeRequest(a, { teamSlug: w.slug, id: w.requestId, comment: "not now" }),
  ],
  [
    "setApprovalPolicy",
    "admin",
    (a, w) =>
      setApprovalPolicy(a, {
        teamSlug: w.slug,
        environmentKey: "production",
        expectedVersion: 0,
        cohortThresholdBasisPoints: 5000,
        defaultAboveZero: true,
        promote: true,
        criticalReleases: true,
        expiryMinutes: 60,
      }),
  ],
  [
    "setPrometheusSettings",
    "admin",
    (a, w) => setPrometheusSettings(a, { teamSlug: w.slug, url: "http://127.0.0.1:9090" }),
  ],
  [
    "createSdkKey",
    "admin",
    (a, w) => createSdkKey(a, { teamSlug: w.slug, environmentKey: "staging", name: "another" }),
  ],
  ["revokeApiKey", "admin", (a, w) => revokeApiKey(a, { teamSlug: w.slug, keyId: w.sdkKeyId })],
  ["createEnvironment", "admin", (a, w) => createEnvironment(a, { teamSlug: w.slug, key: "qa", name: "QA" })],
];

const ROLES: Role[] = ["viewer", "editor", "approver", "admin"];

describeEachProvider("authorisation matrix", () => {
  describe.each(MUTATIONS)("%s (needs %s)", (_name, needs, call) => {
    it.each(ROLES)("as %s", async (role) => {
      const w = await world();
      if (roleAtLeast(role, needs)) {
        await expect(call(w.fx.actors[role], w)).resolves.toBeDefined();
        return;
      }
      const error = await expectRefusedUnchanged(w.fx.team.id, () => call(w.fx.actors[role], w), ForbiddenError);
      expect(error.message).toContain(`You are a ${role}`);
    });

    it("signed out, from another team, or as an unknown key: refused and nothing changed", async () => {
      const w = await world();
      await expectRefusedUnchanged(w.fx.team.id, () => call(null, w), UnauthenticatedError);
      const outsider = await expectRefusedUnchanged(w.fx.team.id, () => call(w.fx.actors.outsider, w), NotFoundError);
      expect(outsider.message).not.toContain(w.fx.team.name);
      await expectRefusedUnchanged(
        w.fx.team.id,
        () => call({ type: "api_key", id: "no-such-key", name: "ci" }, w),
        UnauthenticatedError,
      );
    });

    it("as an automation key: a viewer key never, an editor key up to editor", async () => {
      const w = await world();
      const keyWith = async (role: "viewer" | "editor"): Promise<Actor> => {
        const row = await getDb().apiKey.create({
          data: {
            teamId: w.fx.team.id,
            kind: "admin",
            role,
            name: role,
            prefix: "gp_admin_…",
            hash: `${role}-${w.slug}`,
            createdByName: "test",
          },
        });
        return { type: "api_key", id: row.id, name: `API key ${role}` };
      };
      const viewerKey = await keyWith("viewer");
      const editorKey = await keyWith("editor");
      await expectRefusedUnchanged(w.fx.team.id, () => call(viewerKey, w), ForbiddenError);
      if (needs === "editor") await expect(call(editorKey, w)).resolves.toBeDefined();
      else await expectRefusedUnchanged(w.fx.team.id, () => call(editorKey, w), ForbiddenError);
    });
  });
});

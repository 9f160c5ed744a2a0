import { beforeEach, expect, it } from "vitest";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { getDb } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { loadEnvironmentSnapshot } from "@/lib/evaluation/environment-snapshot";
import { archiveRelease, restoreRelease } from "@/lib/releases/archive-release";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { listArchivedReleases, listReleases } from "@/lib/releases/list-releases";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf, contextOf } from "../support/team-access";

// Issue 10, point 12: a test release no longer stays forever.

describeEachProvider("archiving releases", () => {
  let fx: TeamFixture;
  let releaseId: string;
  beforeEach(async () => {
    fx = await createTeamFixture();
    releaseId = (await scenario(fx).release("old-flag")).id;
  });
  const input = () => ({ teamSlug: fx.team.slug, releaseKey: "old-flag" });
  const snapshotHas = async () =>
    (await loadEnvironmentSnapshot(getDb(), fx.environments.production.id))!.releases.has("old-flag");

  it("a release live anywhere can't be archived: the error says where and what to do", async () => {
    await scenario(fx).command(releaseId, "old-flag", "production", "start");
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () => archiveRelease(fx.actors.editor, input()),
      ValidationError,
    );
    expect(error.fieldErrors.releaseKey).toEqual([
      "Release old-flag still serves users in Production (rolling out): roll it back there first (that never waits for approval), then archive it",
    ]);
    expect(await snapshotHas()).toBe(true);
  });

  it("once it serves nobody it archives: not evaluated, not listed, pending requests cancelled, audited; restore brings it back serving nobody", async () => {
    await setApprovalPolicy(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      expectedVersion: 0,
      cohortThresholdBasisPoints: 5000,
      defaultAboveZero: true,
      promote: true,
      criticalReleases: false,
      expiryMinutes: 60,
    });
    await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "old-flag",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 9000,
      cohorts: {},
    });
    const start = await changeReleaseStatus(fx.actors.editor, {
      ...input(),
      environmentKey: "production",
      command: "start",
      expectedVersion: 2,
    });
    expect(start.pendingApproval?.status).toBe("pending");

    await archiveRelease(fx.actors.editor, input());
    expect(await snapshotHas()).toBe(false);
    expect((await listReleases(await contextOf(fx, "production"))).map((r) => r.key)).toEqual([]);
    expect((await listArchivedReleases(await accessOf(fx))).map((r) => r.key)).toEqual(["old-flag"]);
    expect((await getDb().changeRequest.findUniqueOrThrow({ where: { id: start.pendingApproval!.id } })).status).toBe(
      "cancelled",
    );
    expect(await auditCount(fx.team.id, "release.archived")).toBe(1);
    // Archived releases take no changes and keep their key.
    await rejectionOf(
      changeReleaseStatus(fx.actors.editor, {
        ...input(),
        environmentKey: "production",
        command: "start",
        expectedVersion: 2,
      }),
      NotFoundError,
    );
    const reuse = await rejectionOf(
      createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "old-flag", name: "Again" }),
      ValidationError,
    );
    expect(reuse.fieldErrors.key).toEqual([
      'A release with key "old-flag" already exists (archived: restore it instead)',
    ]);

    await restoreRelease(fx.actors.editor, input());
    expect(await snapshotHas()).toBe(true);
    expect((await storedRollout(releaseId, fx.environments.production.id)).status).toBe("draft");
    expect(await auditCount(fx.team.id, "release.restored")).toBe(1);
  });

  it("viewers can't archive; another team's release is not found", async () => {
    await expectRefusedUnchanged(fx.team.id, () => archiveRelease(fx.actors.viewer, input()), ForbiddenError);
    await expectRefusedUnchanged(fx.team.id, () => archiveRelease(fx.actors.outsider, input()), NotFoundError);
  });
});

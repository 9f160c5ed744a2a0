import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { getDb } from "@/lib/db/client";
import { CorruptRowError } from "@/lib/db/parse-row";
import { listReleases } from "@/lib/releases/list-releases";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { rejectionOf } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf, contextOf } from "../support/team-access";

// Rows are parsed once where they leave the database (issue 11, point 5): a value our own
// writes could never have stored is named, not guessed at.

describeEachProvider("rows that don't parse", () => {
  let fx: TeamFixture;
  beforeEach(async () => {
    fx = await createTeamFixture();
  });

  it("an unknown rollout status names the table, the row and the field", async () => {
    const release = await scenario(fx).release("checkout");
    const rollout = await getDb().releaseRollout.update({
      where: { releaseId_environmentId: { releaseId: release.id, environmentId: fx.environments.production.id } },
      data: { status: "archived" },
    });
    const error = await rejectionOf(listReleases(await contextOf(fx, "production")), CorruptRowError);
    expect(error).toMatchObject({ table: "ReleaseRollout", rowId: rollout.id, field: "status" });
    expect(error.message).toMatch(new RegExp(`^Corrupt ReleaseRollout row ${rollout.id}: status: `));
  });

  it("an audit event whose before/after isn't JSON is refused rather than shown as nothing", async () => {
    const event = await getDb().auditEvent.create({
      data: {
        teamId: fx.team.id,
        actorType: "user",
        actorId: "u",
        actorName: "U",
        action: "x",
        summary: "x",
        before: "{not json",
      },
    });
    const error = await rejectionOf(listAuditEvents(await accessOf(fx)), CorruptRowError);
    expect(error).toMatchObject({ table: "AuditEvent", rowId: event.id, field: "before" });
  });

  it("a cohort definition that is no JSON is corrupt; one a later rule no longer accepts matches nobody", async () => {
    await scenario(fx).keysCohort("beta", ["alice"]);
    const cohort = await getDb().cohort.findFirstOrThrow({ where: { teamId: fx.team.id, key: "beta" } });
    await getDb().cohort.update({
      where: { id: cohort.id },
      data: { definition: JSON.stringify({ kind: "keys", targetingKeys: "alice" }) },
    });
    expect((await listCohorts(await accessOf(fx)))[0]?.definition).toEqual({ kind: "keys", targetingKeys: [] });

    await getDb().cohort.update({ where: { id: cohort.id }, data: { definition: "keys: alice" } });
    const error = await rejectionOf(listCohorts(await accessOf(fx)), CorruptRowError);
    expect(error).toMatchObject({ table: "Cohort", rowId: cohort.id, field: "definition" });
  });
});

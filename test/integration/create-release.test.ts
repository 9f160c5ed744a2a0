import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getDb } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors/domain-errors";
import { createRelease } from "@/lib/releases/create-release";
import { getReleaseView } from "@/lib/releases/get-release-view";
import { listReleases } from "@/lib/releases/list-releases";
import { updateRelease } from "@/lib/releases/update-release";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { configVersionOf, expectRefusedUnchanged, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf, contextOf } from "../support/team-access";

describeEachProvider("createRelease", () => {
  let fx: TeamFixture;
  beforeEach(async () => {
    fx = await createTeamFixture();
  });

  it("creates a draft rollout at 0% in every environment and audits it with the actor's name", async () => {
    const stagingConfig = await configVersionOf(fx.environments.staging.id);
    const release = await createRelease(fx.actors.editor, {
      teamSlug: fx.team.slug,
      key: "new-checkout",
      name: "  New checkout  ",
      description: "One-page checkout",
    });

    expect(release).toMatchObject({
      key: "new-checkout",
      name: "New checkout",
      salt: "new-checkout",
      teamId: fx.team.id,
    });
    for (const env of [fx.environments.staging, fx.environments.production]) {
      expect(await storedRollout(release.id, env.id)).toEqual({
        status: "draft",
        version: 1,
        defaultBasisPoints: 0,
        cohorts: {},
        updatedByName: "Eddie Editor",
      });
    }
    expect(await getDb().releaseRollout.count({ where: { releaseId: release.id } })).toBe(2);
    expect(await configVersionOf(fx.environments.staging.id)).toBe(stagingConfig + 1);

    const events = await listAuditEvents(await accessOf(fx), { releaseId: release.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "release.created",
      actorName: "Eddie Editor",
      actorType: "user",
      before: null,
      after: { key: "new-checkout", name: "New checkout", description: "One-page checkout", ownerId: null },
    });
  });

  it("shows up in the release list and view of each environment", async () => {
    await createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "dark-mode", name: "Dark mode" });
    const list = await listReleases(await contextOf(fx, "production"));
    expect(list.map((r) => [r.key, r.status, r.defaultBasisPoints, r.version])).toEqual([["dark-mode", "draft", 0, 1]]);
    const view = await getReleaseView(await contextOf(fx, "staging"), { releaseKey: "dark-mode" });
    expect(view.rollout).toMatchObject({ status: "draft", version: 1, defaultBasisPoints: 0 });
    expect(view.otherEnvironments).toEqual([
      { key: "production", name: "Production", status: "draft", defaultBasisPoints: 0 },
    ]);
  });

  it("refuses a duplicate key with fieldErrors.key and creates nothing", async () => {
    await createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "dup", name: "First" });
    const releasesBefore = await getDb().release.count();
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () => createRelease(fx.actors.editor2, { teamSlug: fx.team.slug, key: "dup", name: "Second" }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["key"]);
    expect(error.fieldErrors.key?.[0]).toMatch(/already exists/);
    expect(await getDb().release.count()).toBe(releasesBefore);
  });

  it("allows the same key in another team (keys are per team)", async () => {
    const other = await createTeamFixture();
    await createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "shared-key", name: "Ours" });
    const theirs = await createRelease(other.actors.editor, {
      teamSlug: other.team.slug,
      key: "shared-key",
      name: "Theirs",
    });
    expect(theirs.teamId).toBe(other.team.id);
  });

  it.each([
    ["key with spaces", { key: "Bad Key", name: "x" }, "key"],
    ["empty key", { key: "", name: "x" }, "key"],
    ["blank name", { key: "ok", name: "   " }, "name"],
    ["2001-character description", { key: "ok", name: "x", description: "d".repeat(2001) }, "description"],
  ])("refuses a %s, naming the field", async (_label, fields, field) => {
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () => createRelease(fx.actors.editor, { teamSlug: fx.team.slug, ...fields }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
  });

  it("only accepts an owner who is a member of the team", async () => {
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () =>
        createRelease(fx.actors.editor, {
          teamSlug: fx.team.slug,
          key: "owned",
          name: "Owned",
          ownerId: fx.actors.outsider.id,
        }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["ownerId"]);
    const release = await createRelease(fx.actors.editor, {
      teamSlug: fx.team.slug,
      key: "owned",
      name: "Owned",
      ownerId: fx.actors.approver.id,
    });
    expect(release.ownerId).toBe(fx.actors.approver.id);
  });

  it("updateRelease edits details with before/after, and an unchanged save writes nothing", async () => {
    await createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "edit-me", name: "Before" });
    await updateRelease(fx.actors.editor2, {
      teamSlug: fx.team.slug,
      releaseKey: "edit-me",
      name: "After",
      description: "new",
    });
    const events = await listAuditEvents(await accessOf(fx));
    expect(events[0]).toMatchObject({
      action: "release.updated",
      actorName: "Erin Editor",
      before: { name: "Before", description: "", ownerId: null },
      after: { name: "After", description: "new", ownerId: null },
    });
    const count = events.length;
    await updateRelease(fx.actors.editor2, {
      teamSlug: fx.team.slug,
      releaseKey: "edit-me",
      name: "After",
      description: "new",
    });
    expect(await listAuditEvents(await accessOf(fx))).toHaveLength(count);
  });
});

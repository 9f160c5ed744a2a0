import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { configVersionOf, expectRefusedUnchanged, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

describeEachProvider("changeReleaseStatus", () => {
  let fx: TeamFixture;
  let releaseId: string;
  let s: ReturnType<typeof scenario>;
  const prod = () => storedRollout(releaseId, fx.environments.production.id);
  const command = (name: string) => s.command(releaseId, "wallet", "production", name);
  const input = (cmd: string, expectedVersion?: number) => ({
    teamSlug: fx.team.slug,
    releaseKey: "wallet",
    environmentKey: "production",
    command: cmd,
    expectedVersion,
  });

  beforeEach(async () => {
    fx = await createTeamFixture();
    s = scenario(fx);
    releaseId = (await s.release("wallet", "Wallet")).id;
    await s.keysCohort("beta", ["alice"]);
  });

  it("walks draft → rolling → paused → rolling → promoted → rolled back → draft, auditing each step", async () => {
    const config = await configVersionOf(fx.environments.production.id);
    const steps: [string, string, string][] = [
      ["start", "rolling", "rollout.started"],
      ["pause", "paused", "rollout.paused"],
      ["resume", "rolling", "rollout.resumed"],
      ["promote", "promoted", "rollout.promoted"],
      ["rollback", "rolled_back", "rollout.rolled_back"],
      ["restart", "draft", "rollout.restarted"],
    ];
    for (const [i, [cmd, status]] of steps.entries()) {
      const result = await command(cmd);
      expect(result).toMatchObject({ status, version: i + 2, updatedByName: "Eddie Editor" });
      expect(await prod()).toMatchObject({ status, version: i + 2 });
    }
    expect(await configVersionOf(fx.environments.production.id)).toBe(config + steps.length);
    const events = await listAuditEvents(await accessOf(fx), { releaseId });
    expect(
      events
        .slice(0, steps.length)
        .map((e) => e.action)
        .reverse(),
    ).toEqual(steps.map(([, , action]) => action));
    expect(events[0]).toMatchObject({
      actorName: "Eddie Editor",
      environmentName: "Production",
      before: { status: "rolled_back", version: 6 },
      after: { status: "draft", version: 7 },
    });
    // Staging never moved.
    expect(await storedRollout(releaseId, fx.environments.staging.id)).toMatchObject({ status: "draft", version: 1 });
  });

  it("rolls back a promoted release without a version, even after someone else changed it", async () => {
    await command("start");
    await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "wallet",
      environmentKey: "production",
      expectedVersion: 2,
      defaultBasisPoints: 5000,
      cohorts: { beta: 10000 },
    });
    await command("promote");
    const result = await changeReleaseStatus(fx.actors.editor2, input("rollback"));
    expect(result).toMatchObject({ status: "rolled_back", version: 5, updatedByName: "Erin Editor" });
    // A stale version is ignored for rollback: it is the emergency exit.
    await command("restart");
    await command("start");
    const stale = await changeReleaseStatus(fx.actors.editor2, input("rollback", 1));
    expect(stale.status).toBe("rolled_back");
  });

  it("restart puts the release back to draft at 0% with no cohort percentages", async () => {
    await command("start");
    await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "wallet",
      environmentKey: "production",
      expectedVersion: 2,
      defaultBasisPoints: 2500,
      cohorts: { beta: 10000 },
    });
    await changeReleaseStatus(fx.actors.editor, input("rollback"));
    const restarted = await command("restart");
    expect(restarted).toMatchObject({ status: "draft", defaultBasisPoints: 0, cohorts: {} });
    expect(await prod()).toMatchObject({ status: "draft", defaultBasisPoints: 0, cohorts: {} });
    const [event] = await listAuditEvents(await accessOf(fx), { releaseId });
    expect(event).toMatchObject({
      action: "rollout.restarted",
      before: { status: "rolled_back", defaultBasisPoints: 2500, cohorts: { beta: 10000 } },
      after: { status: "draft", defaultBasisPoints: 0, cohorts: {} },
    });
  });

  it.each([
    ["resume a draft", [], "resume"],
    ["pause a draft", [], "pause"],
    ["restart a draft", [], "restart"],
    ["start a rolling release", ["start"], "start"],
    ["pause a paused release", ["start", "pause"], "pause"],
    ["promote a promoted release", ["promote"], "promote"],
    ["start a rolled-back release", ["start", "rollback"], "start"],
    ["promote a rolled-back release", ["rollback"], "promote"],
    ["roll back a rolled-back release", ["rollback"], "rollback"],
    ["do an unknown command", [], "explode"],
  ])("refuses to %s and changes nothing", async (_label, setup, cmd) => {
    for (const step of setup) await command(step);
    const { version } = await prod();
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () => changeReleaseStatus(fx.actors.editor, input(cmd, version)),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["command"]);
  });

  it("requires a version for everything but rollback, and refuses a stale one", async () => {
    const missing = await expectRefusedUnchanged(
      fx.team.id,
      () => changeReleaseStatus(fx.actors.editor, input("start")),
      ValidationError,
    );
    expect(Object.keys(missing.fieldErrors)).toEqual(["expectedVersion"]);
    await command("start");
    const conflict = await expectRefusedUnchanged(
      fx.team.id,
      () => changeReleaseStatus(fx.actors.editor2, input("promote", 1)),
      ConflictError,
    );
    expect(conflict.current).toMatchObject({ status: "rolling", version: 2, updatedByName: "Eddie Editor" });
  });

  it.each([
    ["promoted", "promote"],
    ["rolled back", "rollback"],
  ])("refuses percentage changes once the release is %s", async (_label, cmd) => {
    await command("start");
    await (cmd === "rollback" ? changeReleaseStatus(fx.actors.editor, input("rollback")) : command(cmd));
    const { version } = await prod();
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () =>
        setRollout(fx.actors.editor, {
          teamSlug: fx.team.slug,
          releaseKey: "wallet",
          environmentKey: "production",
          expectedVersion: version,
          defaultBasisPoints: 100,
          cohorts: {},
        }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["status"]);
  });

  it("allows percentage changes while paused", async () => {
    await command("start");
    await command("pause");
    const result = await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "wallet",
      environmentKey: "production",
      expectedVersion: 3,
      defaultBasisPoints: 100,
      cohorts: {},
    });
    expect(result.rollout).toMatchObject({ status: "paused", version: 4, defaultBasisPoints: 100 });
  });
});

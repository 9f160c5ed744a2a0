import { beforeEach, expect, it } from "vitest";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { previewCohortChange } from "@/lib/cohorts/preview-cohort-change";
import { updateCohort } from "@/lib/cohorts/update-cohort";
import { getDb } from "@/lib/db/client";
import { describeCohortAuditChange } from "@/lib/domain/describe-cohort-change";
import { murmur3 } from "@/lib/domain/murmur3";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors/domain-errors";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { seriesKeyString, type SeriesKey } from "@/lib/metrics/builtin/series-key";
import { seriesRegistryFor } from "@/lib/metrics/builtin/series-registry";
import { EXPOSURE_METRIC_KEY } from "@/lib/metrics/metric-types";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { accessOf } from "../support/team-access";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout, teamState } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

// Issue 13, part 3: a cohort change is previewed (which live releases, where, about how many
// users, whether a policy holds it) by the same judgement the save runs, then held, approved
// and applied like a rollout change.

type Setup = { fx: TeamFixture; slug: string; releaseId: string; prod: string };

const rules = (attribute: string, ...values: string[]) => ({
  kind: "rules" as const,
  conditions: [{ attribute, operator: "in" as const, values }],
});

/** Exposures as the evaluation API stores them: an hourly row per cohort with `n` distinct users, 2 h ago. */
async function storeExposures(environmentId: string, releaseKey: string, users: Record<string, number>) {
  const db = getDb();
  const keys: SeriesKey[] = Object.keys(users).map((cohortKey) => ({
    environmentId,
    metricKey: EXPOSURE_METRIC_KEY,
    releaseKey,
    cohortKey,
    variant: "treatment",
  }));
  const ids = await seriesRegistryFor(db).idsFor(keys, true);
  const hour = Math.floor((Date.now() - 2 * 3_600_000) / 3_600_000) * 60;
  for (const key of keys) {
    const cell = new AggregateCell("exposure");
    for (let i = 0; i < users[key.cohortKey]!; i++) cell.addExposure(murmur3(`${key.cohortKey}-user-${i}`));
    const row = cell.toRow();
    await db.metricAggregate.create({
      data: {
        seriesId: ids.get(seriesKeyString(key))!,
        resolution: 3600,
        bucket: hour,
        count: row.count,
        sum: row.sum,
        sketch: new Uint8Array(row.sketch!),
        distinct: row.distinct,
      },
    });
  }
}

/**
 * Cohorts mobile (platform ios/android), de (country DE), us (country US) in that order;
 * "checkout" rolling in production serving mobile 100%, us 100%, de and everyone else 0%;
 * production holds raises above 50%.
 */
async function setup(): Promise<Setup> {
  const fx = await createTeamFixture();
  const slug = fx.team.slug;
  await scenario(fx).rulesCohort("mobile", rules("platform", "ios", "android"));
  await scenario(fx).rulesCohort("de", rules("country", "DE"));
  await scenario(fx).rulesCohort("us", rules("country", "US"));
  const release = await scenario(fx).release("checkout", "Checkout");
  const prod = fx.environments.production.id;
  await scenario(fx).command(release.id, "checkout", "production", "start");
  const { version } = await storedRollout(release.id, prod);
  await setRollout(fx.actors.editor, {
    teamSlug: slug,
    releaseKey: "checkout",
    environmentKey: "production",
    expectedVersion: version,
    defaultBasisPoints: 0,
    cohorts: { mobile: 10000, us: 10000, de: 0 },
  });
  await setApprovalPolicy(fx.actors.admin, {
    teamSlug: slug,
    environmentKey: "production",
    expectedVersion: 0,
    cohortThresholdBasisPoints: 5000,
    defaultAboveZero: false,
    promote: false,
    criticalReleases: false,
    expiryMinutes: 60,
  });
  return { fx, slug, releaseId: release.id, prod };
}

const widenMobile = (s: Setup, expectedVersion = 1) => ({
  teamSlug: s.slug,
  cohortKey: "mobile",
  name: "Mobile app users",
  definition: rules("platform", "ios", "android", "web"),
  expectedVersion,
  comment: "web app too",
});

const within = (value: number | null, expected: number) => {
  expect(value).not.toBeNull();
  // Distinct users come from a HyperLogLog sketch: close to, not exactly, the true count.
  expect(Math.abs(value! - expected)).toBeLessThanOrEqual(expected * 0.03);
};

describeEachProvider("cohort change preview", () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });

  it("counts the users a widening moves from the last 24 h, names release and environment, and says it will be held", async () => {
    await storeExposures(s.prod, "checkout", { mobile: 200, de: 80, us: 120, default: 500 });
    const preview = await previewCohortChange(s.fx.actors.editor, {
      teamSlug: s.slug,
      cohortKey: "mobile",
      change: { kind: "edit", expectedVersion: 1, definition: rules("platform", "ios", "android", "web") },
    });
    expect(preview.change).toEqual(["Rule changed: platform is one of ios, android or web (added web)"]);
    expect(preview.usersMove).toBe(true);
    // Staging is a draft (serves nobody): only production is affected. us already gets 100%.
    expect(preview.affected).toHaveLength(1);
    const [rollout] = preview.affected;
    expect(rollout).toMatchObject({ releaseName: "Checkout", environmentName: "Production", usersLosing: 0 });
    expect(rollout!.moves.map((m) => [m.from, m.fromBasisPoints, m.to, m.toBasisPoints, m.allMove])).toEqual([
      ["Cohort de", 0, "Cohort mobile", 10000, false],
      ["everyone else", 0, "Cohort mobile", 10000, false],
    ]);
    within(rollout!.moves[0]!.usersSeen, 80);
    within(rollout!.moves[1]!.usersSeen, 500);
    within(rollout!.usersGaining, 580);
    expect(preview.heldBecause).toEqual([
      "Production: Checkout: users moving to Cohort mobile from Cohort de (0%), everyone else (0%) would get 100% (above 50%)",
    ]);

    // The save judges the same way: held with the reasons the preview showed; nothing changes.
    const before = await teamState(s.fx.team.id);
    const held = await updateCohort(s.fx.actors.editor, widenMobile(s));
    expect(held.pendingApproval?.reasons).toEqual(preview.heldBecause);
    expect((await teamState(s.fx.team.id)).cohorts).toEqual(before.cohorts);

    // Another person approves: applied, and the audit event reads as a rule diff in words.
    const approved = await approveChangeRequest(s.fx.actors.approver, {
      teamSlug: s.slug,
      id: held.pendingApproval!.id,
    });
    expect(approved.status).toBe("applied");
    const mobile = (await listCohorts(await accessOf(s.fx))).find((c) => c.key === "mobile")!;
    expect(mobile.definition).toEqual(rules("platform", "ios", "android", "web"));
    expect(mobile.version).toBe(2);
    const event = (await listAuditEvents(await accessOf(s.fx))).find((e) => e.action === "cohort.updated");
    expect(describeCohortAuditChange(event!.before, event!.after)).toEqual([
      "Renamed: Cohort mobile → Mobile app users",
      "Rule changed: platform is one of ios, android or web (added web)",
    ]);
  });

  it("says 'unknown' when no evaluations were recorded, rather than zero", async () => {
    const preview = await previewCohortChange(s.fx.actors.viewer, {
      teamSlug: s.slug,
      cohortKey: "mobile",
      change: { kind: "edit", expectedVersion: 1, definition: rules("platform", "ios", "android", "web") },
    });
    expect(preview.affected[0]).toMatchObject({ usersGaining: null, usersLosing: null });
    expect(preview.affected[0]!.moves.every((m) => m.usersSeen === null)).toBe(true);
  });

  it("moving a cohort past one no user can share it with moves nobody: previewed as such, applied directly", async () => {
    const preview = await previewCohortChange(s.fx.actors.editor, {
      teamSlug: s.slug,
      cohortKey: "us",
      change: { kind: "move", direction: "up" },
    });
    expect(preview).toMatchObject({
      change: ["Cohort us moved above Cohort de (priority 3 → 2)"],
      usersMove: false,
      affected: [],
      heldBecause: [],
    });
    const moved = await moveCohort(s.fx.actors.editor, { teamSlug: s.slug, cohortKey: "us", direction: "up" });
    expect(moved.pendingApproval).toBeUndefined();
    expect(moved.order).toEqual(["mobile", "us", "de"]);
    const event = (await listAuditEvents(await accessOf(s.fx))).find((e) => e.action === "cohort.reordered");
    expect(event!.summary).toBe("Moved cohort Cohort us above Cohort de (priority 3 → 2)");
    expect(describeCohortAuditChange(event!.before, event!.after)).toEqual([
      "Cohort us moved above Cohort de (priority 3 → 2)",
    ]);
  });

  it("moving de above mobile (users in both move from 100% to 0%) is previewed as losing users and applies (lowering)", async () => {
    await storeExposures(s.prod, "checkout", { mobile: 200 });
    const preview = await previewCohortChange(s.fx.actors.editor, {
      teamSlug: s.slug,
      cohortKey: "de",
      change: { kind: "move", direction: "up" },
    });
    expect(preview.affected[0]!.moves.map((m) => [m.from, m.to])).toEqual([["Cohort mobile", "Cohort de"]]);
    expect(preview.affected[0]!.usersGaining).toBe(0);
    within(preview.affected[0]!.usersLosing, 200);
    expect(preview.heldBecause).toEqual([]);
  });

  it("a stale version is refused by the preview and a held request goes stale when the cohort changes first", async () => {
    const held = await updateCohort(s.fx.actors.editor, widenMobile(s));
    expect(held.pendingApproval).toBeDefined();
    // Narrowing (drop android) lowers: applies directly, moving the cohort to version 2.
    const narrowed = await updateCohort(s.fx.actors.editor, {
      ...widenMobile(s),
      definition: rules("platform", "ios"),
    });
    expect(narrowed).toMatchObject({ version: 2 });
    expect(narrowed.pendingApproval).toBeUndefined();

    await rejectionOf(
      previewCohortChange(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "mobile",
        change: { kind: "edit", expectedVersion: 1, definition: rules("platform", "ios", "web") },
      }),
      ConflictError,
    );
    await expectRefusedUnchanged(s.fx.team.id, () => updateCohort(s.fx.actors.editor, widenMobile(s)), ConflictError);
    const approved = await approveChangeRequest(s.fx.actors.approver, {
      teamSlug: s.slug,
      id: held.pendingApproval!.id,
    });
    expect(approved.status).toBe("stale");
    const mobile = (await listCohorts(await accessOf(s.fx))).find((c) => c.key === "mobile")!;
    expect(mobile.definition).toEqual(rules("platform", "ios"));
  });

  it("a viewer may preview but not save or move; nothing changes", async () => {
    const audits = await auditCount(s.fx.team.id);
    await expectRefusedUnchanged(s.fx.team.id, () => updateCohort(s.fx.actors.viewer, widenMobile(s)), ForbiddenError);
    await expectRefusedUnchanged(
      s.fx.team.id,
      () => moveCohort(s.fx.actors.viewer, { teamSlug: s.slug, cohortKey: "us", direction: "up" }),
      ForbiddenError,
    );
    expect(await auditCount(s.fx.team.id)).toBe(audits);
  });

  it("a bad field is refused naming it", async () => {
    const error = await rejectionOf(
      previewCohortChange(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "mobile",
        change: { kind: "move", direction: "sideways" },
      }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["change.direction"]);
  });
});

import { beforeEach, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/domain-errors";
import { explainEvaluation } from "@/lib/evaluation/explain-evaluation";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { rejectionOf } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

// "Who gets it?": the answer names every cohort that matched, in priority order, so the page
// can say which one won and which ones it shadowed.
describeEachProvider("explain an evaluation", () => {
  let fx: TeamFixture;

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    const release = await s.release("promo", "Promo banner");
    await s.rulesCohort("mobile", {
      kind: "rules",
      conditions: [{ attribute: "platform", operator: "in", values: ["ios", "android"] }],
    });
    await s.rulesCohort("eu", {
      kind: "rules",
      conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
    });
    await s.command(release.id, "promo", "production", "start");
  });

  const explain = (attributes: Record<string, string>, targetingKey = "user-42") =>
    explainEvaluation(fx.actors.viewer, {
      teamSlug: fx.team.slug,
      releaseKey: "promo",
      environmentKey: "production",
      targetingKey,
      attributes,
    });

  it("lists every matching cohort, the deciding one first", async () => {
    const both = await explain({ platform: "ios", country: "DE" });
    expect(both.cohortKey).toBe("mobile");
    expect(both.matchedCohorts).toEqual([
      { key: "mobile", name: "Cohort mobile" },
      { key: "eu", name: "Cohort eu" },
    ]);

    const one = await explain({ country: "FR" });
    expect(one.cohortKey).toBe("eu");
    expect(one.matchedCohorts).toEqual([{ key: "eu", name: "Cohort eu" }]);

    const none = await explain({ country: "US" });
    expect(none).toMatchObject({ cohortKey: "default", cohortName: "Everyone else", matchedCohorts: [] });
  });

  it("refuses an empty targeting key with a message in words", async () => {
    const error = await rejectionOf(explain({}, "  "), ValidationError);
    expect(error.fieldErrors).toEqual({ targetingKey: ["Targeting key is required"] });
  });
});

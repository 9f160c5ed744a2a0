import { describe, expect, it } from "vitest";
import type { Condition, Operator } from "./cohort-rules";
import {
  describeCohortAuditChange,
  describeCohortOrderChange,
  describeDefinitionChange,
} from "./describe-cohort-change";

const c = (attribute: string, operator: Operator, ...values: string[]): Condition => ({ attribute, operator, values });

describe("describeDefinitionChange", () => {
  it("names rules added and removed", () => {
    expect(
      describeDefinitionChange(
        { kind: "rules", conditions: [c("platform", "in", "ios"), c("plan", "in", "pro")] },
        { kind: "rules", conditions: [c("platform", "in", "ios"), c("country", "in", "DE")] },
      ),
    ).toEqual(["Rule removed: plan is pro", "Rule added: country is DE"]);
  });

  it("reads a list whose values changed as one changed rule", () => {
    expect(
      describeDefinitionChange(
        { kind: "rules", conditions: [c("country", "in", "DE", "FR")] },
        { kind: "rules", conditions: [c("country", "in", "DE", "AT")] },
      ),
    ).toEqual(["Rule changed: country is one of DE or AT (added AT; removed FR)"]);
  });

  it("reads a changed ending or threshold as one changed rule", () => {
    expect(
      describeDefinitionChange(
        { kind: "rules", conditions: [c("email", "endsWith", "@acme.test"), c("age", "gt", "18")] },
        { kind: "rules", conditions: [c("email", "endsWith", "@acme.test", "@acme.dev"), c("age", "gt", "21")] },
      ),
    ).toEqual([
      "Rule changed: email ends with @acme.test or @acme.dev (added @acme.dev)",
      "Rule changed: age is more than 21 (was age is more than 18)",
    ]);
  });

  it("keeps order-only changes of a list silent", () => {
    expect(
      describeDefinitionChange(
        { kind: "rules", conditions: [c("country", "in", "DE", "FR")] },
        { kind: "rules", conditions: [c("country", "in", "FR", "DE")] },
      ),
    ).toEqual([]);
  });

  it("lists targeting keys added and removed, capped", () => {
    const many = Array.from({ length: 8 }, (_, i) => `k${i}`);
    expect(
      describeDefinitionChange({ kind: "keys", targetingKeys: ["a"] }, { kind: "keys", targetingKeys: many }),
    ).toEqual(["Targeting keys added: k0, k1, k2, k3, k4 and 3 more", "Targeting keys removed: a"]);
  });

  it("describes a switch between a key list and rules", () => {
    expect(
      describeDefinitionChange(
        { kind: "keys", targetingKeys: ["vip-1"] },
        { kind: "rules", conditions: [c("targetingKey", "startsWith", "vip-")] },
      ),
    ).toEqual(["Who is in it: 1 listed targeting key → users where targeting key starts with vip-"]);
  });
});

describe("describeCohortAuditChange", () => {
  it("an edit event: rename, description and rules", () => {
    expect(
      describeCohortAuditChange(
        { name: "Mobile", description: "", definition: { kind: "rules", conditions: [c("platform", "in", "ios")] } },
        {
          name: "Mobile app users",
          description: "Phones",
          definition: { kind: "rules", conditions: [c("platform", "in", "ios", "android")] },
        },
      ),
    ).toEqual([
      "Renamed: Mobile → Mobile app users",
      "Description: Phones",
      "Rule changed: platform is one of ios or android (added android)",
    ]);
  });

  it("a reorder: who moved above whom, with names when stored", () => {
    expect(
      describeCohortOrderChange(
        { order: ["staff", "eu", "mobile"], names: { mobile: "Mobile app users", eu: "EU shoppers" } },
        { order: ["staff", "mobile", "eu"] },
      ),
    ).toEqual(["Mobile app users moved above EU shoppers (priority 3 → 2)"]);
    // Older events stored only keys.
    expect(describeCohortOrderChange({ order: ["a", "b"] }, { order: ["b", "a"] })).toEqual([
      "b moved above a (priority 2 → 1)",
    ]);
  });

  it("an archive: the cohort left the order", () => {
    expect(
      describeCohortAuditChange({ order: ["a", "b"], names: { a: "Beta" }, definition: null }, { order: ["b"] }),
    ).toEqual(["Beta left the order; its users fall to the cohorts after it"]);
  });

  it("anything else is not a cohort change", () => {
    expect(describeCohortAuditChange({ defaultBasisPoints: 0 }, { defaultBasisPoints: 500 })).toBeNull();
    expect(describeCohortAuditChange("x", { order: 3 })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { emptyStep, fromDraft, toDraft, type DefinitionDraft } from "@/components/plans/plan-draft";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";

const definition: PlanDefinition = {
  steps: [
    { targets: { mobile: 2000, default: 500 }, bakeMinutes: 30, waitForPerson: false, notBefore: null, promote: false },
    { targets: { default: 10000 }, bakeMinutes: 0, waitForPerson: true, notBefore: null, promote: true },
  ],
  guardrails: {
    metrics: [
      { metricKey: "error-rate", quantile: null, tolerance: { kind: "absolute", value: 0.005 }, onBreach: "rollback" },
      { metricKey: "latency", quantile: 0.95, tolerance: { kind: "relative", value: 0.1 }, onBreach: "zero_cohort" },
    ],
    alpha: 0.05,
    outageAlertMinutes: 15,
    patienceBakes: 3,
  },
};

describe("plan editor drafts", () => {
  it("shows basis points as percent and tolerances in points or percent, and reads them back unchanged", () => {
    const draft = toDraft(definition);
    expect(draft.steps[0]!.targets).toEqual({ mobile: "20", default: "5" });
    expect(draft.guardrails.map((g) => g.toleranceValue)).toEqual(["0.5", "10"]);
    expect(draft.guardrails[1]!.quantile).toBe("0.95");
    const back = fromDraft(draft);
    expect(back.errors).toBeNull();
    expect(back.definition).toEqual(definition);
  });

  it("leaves an empty percentage out (unchanged) and names bad fields by the use case's paths", () => {
    const draft: DefinitionDraft = {
      ...toDraft(definition),
      steps: [
        { ...emptyStep(), targets: { mobile: "", eu: "abc", default: "12.5" }, bakeMinutes: "1.5" },
        { ...emptyStep(), bakeMinutes: "" },
      ],
    };
    draft.guardrails[0]!.toleranceValue = "x";
    const { definition: parsed, errors } = fromDraft(draft);
    expect(parsed.steps[0]!.targets).toEqual({ default: 1250 });
    expect(Object.keys(errors ?? {}).sort()).toEqual([
      "definition.guardrails.metrics.0.tolerance.value",
      "definition.steps.0.bakeMinutes",
      "definition.steps.0.targets.eu",
      "definition.steps.1.bakeMinutes",
    ]);
    expect(errors?.["definition.steps.0.bakeMinutes"]).toEqual(["Bake time is whole minutes"]);
  });

  it("never sends a bake time for the promoting step, whatever its hidden box holds", () => {
    const draft = toDraft(definition);
    draft.steps[1]!.bakeMinutes = "1.5";
    const { definition: parsed, errors } = fromDraft(draft);
    expect(errors).toBeNull();
    expect(parsed.steps[1]!.bakeMinutes).toBe(0);
  });

  it("turns a local date and time into an ISO instant and back", () => {
    const draft = toDraft(definition);
    draft.steps[1]!.notBefore = "2030-06-03T14:00";
    const { definition: parsed } = fromDraft(draft);
    expect(parsed.steps[1]!.notBefore).toBe(new Date("2030-06-03T14:00").toISOString());
    expect(toDraft(parsed).steps[1]!.notBefore).toBe("2030-06-03T14:00");
  });
});

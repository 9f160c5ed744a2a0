import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { DEFAULT_PLAN_ALPHA } from "@/lib/domain/guardrails/alpha-budget";

export type PlanTemplateSeed = { key: string; name: string; description: string; definition: PlanDefinition };

const step = (percent: number, bakeMinutes: number) => ({
  targets: { default: percent * 100 },
  bakeMinutes,
  waitForPerson: false,
  notBefore: null,
  promote: false,
});

const GUARDRAILS: PlanDefinition["guardrails"] = {
  metrics: [
    { metricKey: "error-rate", quantile: null, tolerance: { kind: "absolute", value: 0.005 }, onBreach: "rollback" },
    { metricKey: "latency", quantile: 0.95, tolerance: { kind: "relative", value: 0.1 }, onBreach: "rollback" },
  ],
  alpha: DEFAULT_PLAN_ALPHA,
  outageAlertMinutes: 15,
  patienceBakes: 3,
};

/** The two templates every demo team starts with (keys of the acme team's metrics). */
export const DEMO_PLAN_TEMPLATES: Record<string, PlanTemplateSeed[]> = {
  acme: [
    {
      key: "careful",
      name: "Careful",
      description:
        "1% → 5% → 25% → 50% → 100%, 30 min each, then promote. Error rate and p95 latency guard every step.",
      definition: {
        steps: [step(1, 30), step(5, 30), step(25, 30), step(50, 30), { ...step(100, 0), promote: true }],
        guardrails: GUARDRAILS,
      },
    },
    {
      key: "quick",
      name: "Quick",
      description: "10% → 50% → 100%, 10 min each; a person confirms before half the users get it.",
      definition: {
        steps: [step(10, 10), { ...step(50, 10), waitForPerson: true }, { ...step(100, 0), promote: true }],
        guardrails: GUARDRAILS,
      },
    },
  ],
};

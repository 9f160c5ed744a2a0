import { formatBasisPoints, parsePercentInput } from "@/lib/domain/percent";
import type { BreachAction, GuardrailSpec, PlanDefinition, PlanStep } from "@/lib/domain/plans/plan-types";
import type { FieldErrors } from "@/lib/errors/domain-errors";

/**
 * What the plan editor holds while someone types: text as typed (an empty percentage box is
 * "unchanged"), turned into a plan definition only on save. Field errors use the use cases'
 * paths ("definition.steps.1.bakeMinutes"), so local and server errors sit in the same place.
 */
export type StepDraft = {
  /** Cohort key (or "default") → percentage text; "" leaves the cohort as the step before had it. */
  targets: Record<string, string>;
  bakeMinutes: string;
  waitForPerson: boolean;
  /** A datetime-local value in the browser's time zone; "" for none. */
  notBefore: string;
  promote: boolean;
};

export type GuardrailDraft = {
  metricKey: string;
  /** "" for none (metrics other than latency). */
  quantile: "" | "0.5" | "0.95" | "0.99";
  toleranceKind: "absolute" | "relative";
  /** In percentage points (absolute) or percent (relative), as typed. */
  toleranceValue: string;
  onBreach: BreachAction;
};

export type DefinitionDraft = {
  steps: StepDraft[];
  guardrails: GuardrailDraft[];
  /** Kept as they came (the editor doesn't show them). */
  alpha: number;
  outageAlertMinutes: number;
  patienceBakes: number;
};

/** A definition as the editor makes it: a plan definition, and what the use cases' schema takes. */
export type DraftDefinition = PlanDefinition & {
  guardrails: { metrics: (GuardrailSpec & { quantile: 0.5 | 0.95 | 0.99 | null })[] };
};

export const DEFAULT_GUARDRAIL_SETTINGS = { alpha: 0.05, outageAlertMinutes: 15, patienceBakes: 3 };

export function emptyStep(): StepDraft {
  return { targets: {}, bakeMinutes: "30", waitForPerson: false, notBefore: "", promote: false };
}

export function emptyDraft(): DefinitionDraft {
  return { steps: [emptyStep()], guardrails: [], ...DEFAULT_GUARDRAIL_SETTINGS };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** An ISO instant as a datetime-local value in this runtime's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Hundredths of a unit without float noise: 0.005 → "0.5". */
function hundredths(value: number): string {
  return String(Math.round(value * 100 * 1000) / 1000);
}

export function toDraft(definition: PlanDefinition): DefinitionDraft {
  return {
    steps: definition.steps.map((step) => ({
      targets: Object.fromEntries(
        Object.entries(step.targets).map(([key, bp]) => [key, formatBasisPoints(bp).replace("%", "")]),
      ),
      bakeMinutes: String(step.bakeMinutes),
      waitForPerson: step.waitForPerson,
      notBefore: step.notBefore ? toLocalInput(step.notBefore) : "",
      promote: step.promote,
    })),
    guardrails: definition.guardrails.metrics.map((m) => ({
      metricKey: m.metricKey,
      quantile: m.quantile === null ? "" : (String(m.quantile) as GuardrailDraft["quantile"]),
      toleranceKind: m.tolerance.kind,
      toleranceValue: hundredths(m.tolerance.value),
      onBreach: m.onBreach,
    })),
    alpha: definition.guardrails.alpha,
    outageAlertMinutes: definition.guardrails.outageAlertMinutes,
    patienceBakes: definition.guardrails.patienceBakes,
  };
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

function addError(errors: FieldErrors, field: string, message: string) {
  errors[field] = [...(errors[field] ?? []), message];
}

/**
 * The definition a draft stands for, and the errors a person can fix before anything is sent
 * (none: it can be sent). Only what the browser can tell is checked here; the use case checks
 * the rest, and all of this again. With errors the definition is still good for a preview:
 * a percentage that doesn't parse is left out, a bake time that doesn't is NaN.
 */
export function fromDraft(
  draft: DefinitionDraft,
  prefix = "definition",
): { definition: DraftDefinition; errors: FieldErrors | null } {
  const errors: FieldErrors = {};
  const steps: PlanStep[] = draft.steps.map((step, i) => {
    const at = `${prefix}.steps.${i}`;
    const targets: Record<string, number> = {};
    for (const [key, text] of Object.entries(step.targets)) {
      if (text.trim() === "") continue;
      const parsed = parsePercentInput(text);
      if (parsed.ok) targets[key] = parsed.basisPoints;
      else addError(errors, `${at}.targets.${key}`, parsed.error);
    }
    const bake = step.bakeMinutes.trim();
    if (step.promote) {
      // The last step promotes at once: its bake time means nothing.
    } else if (bake === "") addError(errors, `${at}.bakeMinutes`, "Enter the bake time in minutes (0 for none)");
    else if (!WHOLE.test(bake)) addError(errors, `${at}.bakeMinutes`, "Bake time is whole minutes");
    let notBefore: string | null = null;
    if (step.notBefore) {
      const d = new Date(step.notBefore);
      if (Number.isNaN(d.getTime())) addError(errors, `${at}.notBefore`, "Not before must be a date and time");
      else notBefore = d.toISOString();
    }
    return {
      targets,
      // A promoting step ends the plan at once: whatever its (hidden) box holds, it doesn't bake.
      bakeMinutes: step.promote ? 0 : Number(bake),
      waitForPerson: step.waitForPerson,
      notBefore,
      promote: step.promote,
    };
  });
  const metrics = draft.guardrails.map((g, i) => {
    const at = `${prefix}.guardrails.metrics.${i}`;
    if (!g.metricKey) addError(errors, `${at}.metricKey`, "Choose a metric");
    const text = g.toleranceValue.trim();
    if (!DECIMAL.test(text)) addError(errors, `${at}.tolerance.value`, "Enter the tolerance as a number");
    return {
      metricKey: g.metricKey,
      quantile: g.quantile === "" ? null : (Number(g.quantile) as 0.5 | 0.95 | 0.99),
      tolerance: { kind: g.toleranceKind, value: Number(text) / 100 },
      onBreach: g.onBreach,
    };
  });
  return {
    errors: Object.keys(errors).length ? errors : null,
    definition: {
      steps,
      guardrails: {
        metrics,
        alpha: draft.alpha,
        outageAlertMinutes: draft.outageAlertMinutes,
        patienceBakes: draft.patienceBakes,
      },
    },
  };
}

"use client";

import { formatBasisPoints } from "@/lib/domain/percent";
import { servedBasisPoints, type PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { GuardrailRows, type EditorMetric } from "./guardrail-rows";
import type { DefinitionDraft } from "./plan-draft";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { StepTable } from "./step-table";
import { tablesFrom, type CohortName } from "./plan-words";

type Props = {
  draft: DefinitionDraft;
  /** The draft as a definition (what fromDraft made of it), for the grey "unchanged" values. */
  definition: PlanDefinition;
  onChange: (draft: DefinitionDraft, editedPath?: string) => void;
  cohorts: readonly CohortName[];
  metrics: readonly EditorMetric[];
  errors: FieldErrors;
  /** Steps before this index were taken already. */
  locked?: number;
  /** The table before step `locked` (a template has none: unchanged cells then show "="). */
  start: PlanPercentages | null;
  prefix?: string;
};

/** Steps and guardrails of a plan or a template: the part both editors share. */
export function PlanDefinitionEditor({
  draft,
  definition,
  onChange,
  cohorts,
  metrics,
  errors,
  locked = 0,
  start,
  prefix = "definition",
}: Props) {
  // The table each step starts from (steps taken already don't need one: they can't change).
  const before = start ? tablesFrom(start, definition.steps, locked) : [];
  function inherited(index: number, key: string): string {
    const table = before.find((t) => t.index === index)?.before;
    if (!table) return index === 0 ? "—" : "=";
    return formatBasisPoints(servedBasisPoints(table, key)).replace("%", "");
  }
  return (
    <div className="space-y-6">
      <section aria-labelledby="steps-heading" className="space-y-3">
        <div>
          <h2 id="steps-heading" className="font-semibold">
            Steps
          </h2>
          <p className="muted text-sm">
            Each step sets percentages, then bakes: the next step comes once the bake time has passed and every
            guardrail calls this one healthy.
          </p>
        </div>
        <StepTable
          steps={draft.steps}
          onChange={(steps, path) => onChange({ ...draft, steps }, path)}
          cohorts={cohorts}
          errors={errors}
          prefix={prefix}
          locked={locked}
          inherited={inherited}
        />
      </section>
      <section aria-labelledby="guardrails-heading" className="space-y-3">
        <div>
          <h2 id="guardrails-heading" className="font-semibold">
            Guardrails
          </h2>
          <p className="muted text-sm">
            Judged per cohort, treatment against control, from the start of the plan. The tolerance is how much worse
            treatment may be: absolute in percentage points (<span className="font-medium">0.5 pp</span>, error rates
            only), or relative (<span className="font-medium">10%</span> worse).
          </p>
        </div>
        <GuardrailRows
          guardrails={draft.guardrails}
          onChange={(guardrails, path) => onChange({ ...draft, guardrails }, path)}
          metrics={metrics}
          errors={errors}
          prefix={prefix}
        />
      </section>
    </div>
  );
}

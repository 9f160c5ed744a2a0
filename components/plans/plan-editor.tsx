"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useAction } from "@/components/forms/use-action";
import { ApprovalNeeded } from "@/components/releases/approval-needed";
import type { ApprovalRules } from "@/lib/domain/approval-policy";
import { judgePlan } from "@/lib/domain/plans/plan-approval";
import type { PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { STATUS_LABELS, type ReleaseStatus } from "@/lib/domain/rollout-state";
import type { Action, ActionResult } from "@/lib/http/actions/action-result";
import type { CohortUsers } from "@/lib/metrics/estimate-user-change";
import type { CreatePlanInput, UpdatePlanInput } from "@/lib/plans/plan-inputs";
import type { PlanView } from "@/lib/plans/plan-view";
import type { UpdatePlanResult } from "@/lib/plans/update-plan";
import { ErrorSummary } from "./error-summary";
import { guardrailFor, type EditorMetric } from "./guardrail-rows";
import { PlanDefinitionEditor } from "./plan-definition-editor";
import { emptyDraft, toDraft, type DefinitionDraft, type DraftDefinition } from "./plan-draft";
import { PlanPreview } from "./plan-preview";
import { TemplatePicker, type TemplateOption } from "./template-picker";
import { usePlanDraft } from "./use-plan-draft";
import type { CohortName } from "./plan-words";

type Props = {
  teamSlug: string;
  release: { key: string; name: string };
  environment: { key: string; name: string };
  cohorts: CohortName[];
  metrics: EditorMetric[];
  templates: TemplateOption[];
  /** What the editor starts from: a template chosen on the release page, or the plan being edited. */
  initial: { definition: PlanDefinition | null; templateKey: string | null };
  /** The plan that owns the rollout (edited), or null (a new plan). */
  plan: PlanView | null;
  /** The release's saved percentages (explicit cohorts only). */
  served: PlanPercentages;
  releaseStatus: ReleaseStatus;
  usersByCohort: CohortUsers | null;
  approval: { rules: ApprovalRules | null; critical: boolean; universalCohorts: string[] };
  releaseHref: string;
  templatesHref: string;
  actions: {
    create: Action<CreatePlanInput, PlanView, PlanView>;
    update: Action<UpdatePlanInput, UpdatePlanResult, PlanView>;
  };
};

type Saved = { plan: PlanView; pendingApproval?: UpdatePlanResult["pendingApproval"] };

function startingDraft(props: Props): DefinitionDraft {
  if (props.initial.definition) return toDraft(props.initial.definition);
  const blank = emptyDraft();
  const first = props.metrics.find((m) => m.refusal === null && m.kind === "error_rate");
  return first ? { ...blank, guardrails: [guardrailFor(first)] } : blank;
}

/**
 * Makes or changes the release's plan in one environment: steps × cohorts, gates, guardrails,
 * and the whole plan in words with estimated users per step before anything is saved.
 */
export function PlanEditor(props: Props) {
  const { plan, environment } = props;
  const router = useRouter();
  const [templateKey, setTemplateKey] = useState<string | null>(props.initial.templateKey);
  const [comment, setComment] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  async function send(definition: DraftDefinition): Promise<ActionResult<Saved, PlanView>> {
    const target = { teamSlug: props.teamSlug, releaseKey: props.release.key, environmentKey: environment.key };
    if (plan)
      return props.actions.update({ ...target, planId: plan.id, expectedVersion: plan.version, definition, comment });
    const created = await props.actions.create({ ...target, definition, ...(templateKey ? { templateKey } : {}) });
    return created.ok ? { ok: true, data: { plan: created.data } } : created;
  }
  const saving = useAction(send, {
    unreachable: "Could not reach Glidepath; nothing was saved. Check your connection and try again.",
  });
  const { draft, setDraft, replace, definition, localErrors, validate } = usePlanDraft(
    () => startingDraft(props),
    saving.clearField,
  );
  const errors = { ...saving.fieldErrors, ...localErrors };

  // Steps taken already stay as they were (the use case refuses a change to them).
  const locked = plan ? plan.currentStep + 1 : 0;
  const running = plan !== null && plan.status !== "draft";
  const serving = props.releaseStatus === "rolling" || props.releaseStatus === "paused";
  // The same judgement the server makes: at the start for a new plan, on saving for a running one.
  const reasons = judgePlan(props.approval.rules, {
    status: props.releaseStatus,
    now: props.served,
    steps: definition.steps,
    from: locked,
    critical: props.approval.critical,
    universalCohorts: new Set(props.approval.universalCohorts),
  }).reasons;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const checked = validate();
    if (!checked) return;
    saving.run(checked, {
      onSuccess: (data) => {
        if (data.pendingApproval) {
          setNotice(
            `Sent for approval: ${data.pendingApproval.summary}. The plan runs as it was until someone else approves the change.`,
          );
          router.refresh();
          return;
        }
        router.push(props.releaseHref);
        router.refresh();
      },
    });
  }

  const title = plan ? (running ? "Steps still to come" : "Plan steps") : "New plan";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {!running && props.templates.length > 0 && (
        <TemplatePicker
          templates={props.templates}
          chosen={templateKey}
          templatesHref={props.templatesHref}
          onChoose={(template) => {
            replace(toDraft(template.definition));
            setTemplateKey(template.key);
            saving.reset();
          }}
        />
      )}
      <div className="card space-y-1 p-5">
        <h2 className="sr-only">{title}</h2>
        {!running && props.releaseStatus !== "draft" && props.releaseStatus !== "rolling" && (
          <p className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
            {props.release.name} is {STATUS_LABELS[props.releaseStatus].toLowerCase()} in {environment.name}. You can
            make the plan now; it starts only on a draft or rolling release
            {props.releaseStatus === "paused" ? ", so resume the release first" : ""}.
          </p>
        )}
        {running && (
          <p className="mb-4 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100">
            The plan is at step {plan.currentStep + 1} of {plan.definition.steps.length}. Steps taken stay as they were;
            you change the steps still to come{reasons.length ? ", and the policy judges them again" : ""}.
          </p>
        )}
        <PlanDefinitionEditor
          draft={draft}
          definition={definition}
          onChange={setDraft}
          cohorts={props.cohorts}
          metrics={props.metrics}
          errors={errors}
          locked={locked}
          start={props.served}
        />
      </div>
      <section aria-labelledby="preview-heading" className="card space-y-3 p-5">
        <h2 id="preview-heading" className="font-semibold">
          The plan in {environment.name}, in words
        </h2>
        <PlanPreview
          definition={definition}
          cohorts={props.cohorts}
          from={locked}
          start={{ table: props.served, serving: locked > 0 || serving }}
          usersByCohort={props.usersByCohort}
        />
        {reasons.length > 0 &&
          (running ? (
            <ApprovalNeeded
              environmentName={environment.name}
              reasons={reasons}
              comment={comment}
              onComment={setComment}
            />
          ) : (
            <div className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
              <p className="font-medium">Starting this plan will need approval in {environment.name}</p>
              <ul className="list-disc pl-5">
                {reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <p className="text-xs">
                Saving changes nothing yet. When you start it, the whole plan goes to the approvers once; approved,
                every step runs without asking again.
              </p>
            </div>
          ))}
      </section>
      <ErrorSummary errors={errors} message={saving.message} />
      {saving.conflict && (
        <p className="text-sm">
          <button type="button" className="btn-secondary" onClick={() => router.refresh()}>
            Look at the plan as it is now
          </button>
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-amber-800 dark:text-amber-200">
          {notice}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={saving.pending}>
          {saving.pending
            ? "Saving…"
            : plan
              ? running && reasons.length
                ? "Request approval for these steps"
                : "Save the plan"
              : "Make the plan"}
        </button>
        <Link href={props.releaseHref} className="btn-secondary">
          Back to {props.release.name}
        </Link>
        {!plan && <p className="muted text-xs">Making the plan changes nothing: you start it from the release page.</p>}
      </div>
    </form>
  );
}

import Link from "next/link";
import { RefreshWhilePending } from "@/components/webhooks/refresh-while-pending";
import type { ApprovalRules } from "@/lib/domain/approval-policy";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import type { PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import { isActivePlan } from "@/lib/domain/plans/plan-types";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import type { ReleasePlanView } from "@/lib/plans/get-release-plan";
import type { TileMetric } from "./guardrail-tile";
import { GuardrailVerdicts } from "./guardrail-verdicts";
import { PlanControls, type PlanActions } from "./plan-controls";
import { PlanNotices } from "./plan-notices";
import { PlanStatusBadge } from "./plan-status-badge";
import { PlanTimeline } from "./plan-timeline";
import type { CohortName } from "./plan-words";

type Props = {
  teamSlug: string;
  release: { key: string; name: string };
  environment: { key: string; name: string };
  releaseStatus: ReleaseStatus;
  data: ReleasePlanView;
  cohorts: CohortName[];
  metrics: { key: string; name: string; kind: TileMetric["kind"] }[];
  /** The release's saved percentages (explicit cohorts only). */
  served: PlanPercentages;
  canEdit: boolean;
  isApprover: boolean;
  /** `health` and `names`: the start and a step by hand are judged on regressing cohorts too. */
  approval: {
    rules: ApprovalRules | null;
    critical: boolean;
    universalCohorts: string[];
    health?: CohortHealth[];
    names?: Record<string, string>;
  };
  templates: { key: string; name: string; description: string }[];
  /** The plan editor (with ?env=); a template key is added as &template=. */
  editorHref: string;
  templatesHref: string;
  approvalsHref: string;
  actions: PlanActions;
};

/** The release's rollout plan in the environment in view: where it is, what guards it, and what you can do. */
export function PlanSection(props: Props) {
  const { data, environment } = props;
  const plan = data.plan;
  const active = plan !== null && isActivePlan(plan.status);
  return (
    <section className="card" aria-labelledby="plan-heading" data-testid="rollout-plan">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 id="plan-heading" className="font-semibold">
            Rollout plan in {environment.name}
          </h2>
          {plan && <PlanStatusBadge status={plan.status} />}
          {plan && plan.currentStep >= 0 && (
            <span className="muted text-sm">
              step {Math.min(plan.currentStep + 1, plan.definition.steps.length)} of {plan.definition.steps.length}
            </span>
          )}
        </div>
        <p className="muted text-xs">
          {plan?.templateName && <>From template “{plan.templateName}” · </>}
          {plan && <>made by {plan.createdByName} · </>}
          <Link href={props.templatesHref} className="text-brand-600 hover:underline dark:text-brand-100">
            Plan templates
          </Link>
        </p>
      </div>
      {plan === null ? (
        <NoPlan {...props} />
      ) : (
        <div className="space-y-5 px-5 py-4">
          <RefreshWhilePending
            active={plan.status === "running" || plan.status === "held" || plan.status === "pending"}
            everyMs={60_000}
          />
          <PlanNotices plan={plan} pendingRequest={data.pendingRequest} approvalsHref={props.approvalsHref} />
          <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
            <div className="space-y-2">
              <h3 className="text-sm font-semibold">Steps</h3>
              <PlanTimeline plan={plan} cohorts={props.cohorts} served={props.served} />
            </div>
            <div className="min-w-0 space-y-2">
              <h3 className="text-sm font-semibold">Guardrails</h3>
              <GuardrailVerdicts plan={plan} cohorts={props.cohorts} metrics={props.metrics} readings={data.readings} />
            </div>
          </div>
          <div className="border-t border-zinc-200 pt-4 dark:border-zinc-800">
            {!props.canEdit ? (
              <p className="muted text-sm">
                You have view access: you see the plan as it runs; an editor starts, pauses, skips or changes it.
              </p>
            ) : active ? (
              <PlanControls
                teamSlug={props.teamSlug}
                releaseKey={props.release.key}
                releaseName={props.release.name}
                environment={environment}
                plan={plan}
                releaseStatus={props.releaseStatus}
                served={props.served}
                cohorts={props.cohorts}
                approval={props.approval}
                isApprover={props.isApprover}
                pendingRequest={data.pendingRequest}
                editHref={props.editorHref}
                actions={props.actions}
              />
            ) : (
              <div className="flex flex-wrap items-center gap-3">
                <Link href={props.editorHref} className="btn-secondary">
                  Make a new plan
                </Link>
                <p className="muted text-sm">This plan is over; a new one starts from what the release serves now.</p>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function NoPlan(props: Props) {
  const join = props.editorHref.includes("?") ? "&" : "?";
  return (
    <div className="space-y-3 px-5 py-4">
      <p className="text-sm">
        No plan: percentages change only when someone moves them. A plan ramps {props.release.name} step by step, bakes
        each step, and rolls back on its own when a guardrail finds harm.
      </p>
      {props.canEdit ? (
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            {props.templates.map((t) => (
              <Link
                key={t.key}
                href={`${props.editorHref}${join}template=${encodeURIComponent(t.key)}`}
                className="btn-secondary"
                title={t.description}
              >
                Make a plan from “{t.name}”
              </Link>
            ))}
            <Link href={props.editorHref} className={props.templates.length ? "btn-secondary" : "btn-primary"}>
              {props.templates.length ? "Make a plan from scratch" : "Make a plan"}
            </Link>
          </div>
          <p className="muted text-xs">Nothing changes until you start it; you see every step before that.</p>
        </div>
      ) : (
        <p className="muted text-sm">You have view access: an editor can make a plan.</p>
      )}
    </div>
  );
}

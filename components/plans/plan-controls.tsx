"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useAction } from "@/components/forms/use-action";
import { ApprovalNeeded } from "@/components/releases/approval-needed";
import type { ApprovalRules } from "@/lib/domain/approval-policy";
import { regressingByKey, type CohortHealth } from "@/lib/domain/cohort-health";
import type { PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import { judgePlan } from "@/lib/domain/plans/plan-approval";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import type { Action, ActionResult } from "@/lib/http/actions/action-result";
import type { AdvancePlanResult } from "@/lib/plans/advance-plan";
import type { AdvancePlanInput, PlanCommandActionInput } from "@/lib/plans/plan-inputs";
import type { PlanView } from "@/lib/plans/plan-view";
import type { StartPlanResult } from "@/lib/plans/start-plan";
import type { CohortName } from "./plan-words";
import { stepChanges, StepChangeList } from "./step-change-list";

export type PlanActions = {
  start: Action<PlanCommandActionInput, StartPlanResult, PlanView>;
  pause: Action<PlanCommandActionInput, PlanView, PlanView>;
  resume: Action<PlanCommandActionInput, PlanView, PlanView>;
  cancel: Action<PlanCommandActionInput, PlanView, PlanView>;
  advance: Action<AdvancePlanInput, AdvancePlanResult, PlanView>;
};

type Command = "start" | "pause" | "resume" | "continue" | "skip" | "cancel";

type Props = {
  teamSlug: string;
  releaseKey: string;
  releaseName: string;
  environment: { key: string; name: string };
  plan: PlanView;
  releaseStatus: ReleaseStatus;
  /** The release's saved percentages (explicit cohorts only). */
  served: PlanPercentages;
  cohorts: readonly CohortName[];
  /** `health` and `names`: the start and a step by hand are judged on regressing cohorts too. */
  approval: {
    rules: ApprovalRules | null;
    critical: boolean;
    universalCohorts: string[];
    health?: CohortHealth[];
    names?: Record<string, string>;
  };
  isApprover: boolean;
  /** A request about the plan waiting for approval: the same command can't be asked twice. */
  pendingRequest: { kind: "plan_start" | "plan_update" | "plan_skip" } | null;
  editHref: string;
  actions: PlanActions;
};

const LABELS: Record<Command, string> = {
  start: "Start plan",
  pause: "Pause plan",
  resume: "Resume plan",
  continue: "Continue to next step",
  skip: "Skip to next step",
  cancel: "Cancel plan",
};

/** The commands a plan in this state takes (the use cases refuse the rest). */
export function planCommands(plan: PlanView): Command[] {
  const hasNext = plan.currentStep + 1 < plan.definition.steps.length;
  const waitsForPerson = plan.waitingFor?.startsWith("Waiting for a person") ?? false;
  switch (plan.status) {
    case "draft":
      return ["start", "cancel"];
    case "pending":
      return ["cancel"];
    case "running":
      return [
        ...(waitsForPerson && hasNext ? (["continue"] as const) : []),
        "pause",
        ...(hasNext && !waitsForPerson ? (["skip"] as const) : []),
        "cancel",
      ];
    case "paused":
      return ["resume", "cancel"];
    case "held":
      return [...(hasNext ? (["continue", "skip"] as const) : []), "resume", "cancel"];
    default:
      return [];
  }
}

type Result = { plan: PlanView; pendingApproval?: StartPlanResult["pendingApproval"] };

function wrap(result: ActionResult<PlanView, PlanView>): ActionResult<Result, PlanView> {
  return result.ok ? { ok: true, data: { plan: result.data } } : result;
}

/** Start, pause, resume, continue, skip and cancel, each confirmed with what it changes. */
export function PlanControls(props: Props) {
  const { plan, environment } = props;
  const router = useRouter();
  const [pending, setPending] = useState<Command | null>(null);
  const [comment, setComment] = useState("");
  const [notice, setNotice] = useState<{ text: string; held: boolean } | null>(null);

  async function send(input: { command: Command; comment: string }): Promise<ActionResult<Result, PlanView>> {
    const base: PlanCommandActionInput = {
      teamSlug: props.teamSlug,
      releaseKey: props.releaseKey,
      environmentKey: environment.key,
      planId: plan.id,
      expectedVersion: plan.version,
      comment: input.comment,
    };
    switch (input.command) {
      case "start":
        return props.actions.start(base);
      case "continue":
      case "skip":
        return props.actions.advance({ ...base, mode: input.command });
      case "pause":
        return wrap(await props.actions.pause(base));
      case "resume":
        return wrap(await props.actions.resume(base));
      case "cancel":
        return wrap(await props.actions.cancel(base));
    }
  }
  const command = useAction(send, { unreachable: "Could not reach Glidepath; nothing changed. Try again." });

  const nextIndex = plan.currentStep + 1;
  const nextStep = plan.definition.steps[nextIndex];
  const steps = plan.definition.steps.length;
  const serving = props.releaseStatus === "rolling" || props.releaseStatus === "paused";
  const universalCohorts = new Set(props.approval.universalCohorts);
  const context = {
    names: new Map(Object.entries(props.approval.names ?? {})),
    regressing: regressingByKey(props.approval.health ?? []),
  };

  // The same judgement the server makes (lib/plans/judge-plan-change.ts): a start is judged
  // once for every step as written; a step taken by hand on its own.
  function reasonsFor(chosen: Command | null): string[] {
    if (chosen === "start")
      return judgePlan(props.approval.rules, {
        status: props.releaseStatus,
        now: props.served,
        steps: plan.definition.steps,
        from: 0,
        critical: props.approval.critical,
        universalCohorts,
        ...context,
      }).reasons;
    if ((chosen === "skip" || chosen === "continue") && nextStep)
      return judgePlan(props.approval.rules, {
        status: props.releaseStatus,
        now: props.served,
        steps: [nextStep],
        from: 0,
        critical: props.approval.critical,
        universalCohorts,
        ...context,
      }).reasons.map((r) => r.replace(/^Step 1:/, `Step ${nextIndex + 1}:`));
    return [];
  }
  const reasons = reasonsFor(pending);
  // Skipping becomes a request; continuing is the approver's own call.
  const requests = pending === "start" || pending === "skip" ? reasons.length > 0 : false;
  const approverOnly = pending === "continue" && reasons.length > 0 && !props.isApprover;

  function confirm(chosen: Command) {
    setNotice(null);
    command.run(
      { command: chosen, comment },
      {
        onSuccess: (data) => {
          setPending(null);
          setComment("");
          const requested = data.pendingApproval;
          setNotice({
            held: requested !== undefined,
            text: requested
              ? `Sent for approval: ${requested.summary}. Nothing changes in ${environment.name} until someone else approves it.`
              : chosen === "start"
                ? `Started: step 1 of ${steps} is live in ${environment.name}.`
                : chosen === "skip" || chosen === "continue"
                  ? `Took step ${data.plan.currentStep + 1} of ${steps}.`
                  : `Plan ${data.plan.statusLabel.toLowerCase()}.`,
          });
          router.refresh();
        },
        onError: (error) => {
          setPending(null);
          // The plan moved on (the controller took a step): show it as it is now.
          if (error.code === "conflict") router.refresh();
        },
      },
    );
  }

  const commands = planCommands(plan);
  const startBlocked =
    plan.status === "draft" && props.releaseStatus !== "draft" && props.releaseStatus !== "rolling"
      ? `A plan starts on a draft or rolling release; this one is ${props.releaseStatus.replace("_", " ")}.`
      : null;
  const asked =
    props.pendingRequest?.kind === "plan_start"
      ? "Starting this plan already waits for approval."
      : props.pendingRequest?.kind === "plan_skip"
        ? "Skipping to the next step already waits for approval."
        : null;
  const resumeBlocked =
    (plan.status === "paused" || plan.status === "held") && props.releaseStatus !== "rolling"
      ? "The release itself is paused: resume the release first, then the plan."
      : null;
  const editable =
    plan.status === "draft" || plan.status === "running" || plan.status === "paused" || plan.status === "held";

  const before = props.served;
  const stepShown = pending === "start" ? plan.definition.steps[0] : nextStep;
  const changes =
    stepShown && (pending === "start" || pending === "skip" || pending === "continue")
      ? stepChanges(before, stepShown, props.cohorts, pending === "start" ? serving : true)
      : null;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {commands.map((c) => (
          <button
            key={c}
            type="button"
            className={
              c === "cancel" ? "btn-secondary" : c === "start" || c === "continue" ? "btn-primary" : "btn-secondary"
            }
            disabled={
              (c === "start" && (startBlocked !== null || props.pendingRequest?.kind === "plan_start")) ||
              (c === "skip" && props.pendingRequest?.kind === "plan_skip") ||
              (c === "resume" && resumeBlocked !== null)
            }
            onClick={() => {
              command.reset();
              setPending(c);
            }}
          >
            {LABELS[c]}
          </button>
        ))}
        {editable && (
          <Link href={props.editHref} className="btn-secondary">
            {plan.status === "draft" ? "Edit plan" : "Edit steps still to come"}
          </Link>
        )}
      </div>
      {(startBlocked ?? asked ?? resumeBlocked) && (
        <p className="muted text-xs">{startBlocked ?? asked ?? resumeBlocked}</p>
      )}
      {command.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {command.error.message}
        </p>
      )}
      {notice && (
        <p
          role="status"
          className={
            notice.held
              ? "text-sm text-amber-800 dark:text-amber-200"
              : "text-sm text-emerald-800 dark:text-emerald-200"
          }
        >
          {notice.text}
        </p>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? titleOf(pending, props.releaseName, environment.name, nextIndex + 1) : ""}
        confirmLabel={
          pending ? (requests ? `Request approval to ${pending === "start" ? "start" : "skip"}` : LABELS[pending]) : ""
        }
        tone={pending === "cancel" ? "danger" : "primary"}
        pending={command.pending}
        onCancel={() => {
          setPending(null);
          setComment("");
        }}
        onConfirm={() => pending && confirm(pending)}
      >
        {pending && (
          <div className="space-y-3">
            <p>{consequence(pending, props, nextIndex + 1)}</p>
            {changes && (
              <div className="space-y-1">
                <p className="text-xs font-medium">
                  {pending === "start" ? "Step 1" : `Step ${nextIndex + 1}`} in {environment.name}:
                </p>
                <StepChangeList changes={changes} />
              </div>
            )}
            {approverOnly && (
              <p className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
                The policy holds this step on its own ({reasons.join("; ")}), so only an approver can continue it.{" "}
                <button
                  type="button"
                  className="font-medium underline"
                  onClick={() => {
                    command.reset();
                    setPending("skip");
                  }}
                >
                  Ask for approval to skip instead
                </button>
              </p>
            )}
            {requests ? (
              <ApprovalNeeded
                environmentName={environment.name}
                reasons={reasons}
                comment={comment}
                onComment={setComment}
              />
            ) : (
              <label className="block">
                <span className="mb-1 block text-xs font-medium">Comment (optional, kept in the audit trail)</span>
                <input
                  className="input"
                  maxLength={1000}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                />
              </label>
            )}
          </div>
        )}
      </ConfirmDialog>
    </div>
  );
}

function titleOf(command: Command, release: string, env: string, next: number): string {
  switch (command) {
    case "start":
      return `Start the plan for ${release} in ${env}?`;
    case "pause":
      return `Pause the plan for ${release}?`;
    case "resume":
      return `Resume the plan for ${release}?`;
    case "continue":
      return `Continue to step ${next}?`;
    case "skip":
      return `Skip ahead to step ${next} now?`;
    case "cancel":
      return `Cancel the plan for ${release} in ${env}?`;
  }
}

function consequence(command: Command, props: Props, next: number): string {
  const { plan, releaseName } = props;
  const steps = plan.definition.steps.length;
  switch (command) {
    case "start":
      return (
        `Step 1 of ${steps} takes effect now${props.releaseStatus === "draft" ? " and the release starts rolling out" : ""}; ` +
        "the controller takes each next step once its bake time has passed and the guardrails call it healthy."
      );
    case "pause":
      return `The plan takes no more steps; ${releaseName} keeps serving what it serves now. Guardrails still roll back on harm.`;
    case "resume":
      return `The plan goes on from step ${plan.currentStep + 1}; its bake time starts again from now.${
        plan.heldReason ? ` It was holding: ${plan.heldReason}` : ""
      }`;
    case "continue":
      return `Step ${next} of ${steps} takes effect now; its bake time and the guardrails judge it from here.`;
    case "skip":
      return `Step ${next} of ${steps} takes effect now, without waiting for the rest of this step's bake time or the guardrails' verdict.`;
    case "cancel":
      return `The plan ends here. ${releaseName} keeps serving its current percentages; changes are by hand from now on, and plan requests waiting for approval are cancelled.`;
  }
}

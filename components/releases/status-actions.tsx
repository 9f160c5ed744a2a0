"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import { approvalReasons, type ApprovalRules, type Percentages } from "@/lib/domain/approval-policy";
import { regressingByKey, type CohortHealth } from "@/lib/domain/cohort-health";
import { formatBasisPoints } from "@/lib/domain/percent";
import {
  availableCommands,
  COMMAND_LABELS,
  STATUS_LABELS,
  nextStatus,
  type ReleaseStatus,
  type RolloutCommand,
} from "@/lib/domain/rollout-state";
import type { ChangeReleaseStatusInput, StatusChangeResult } from "@/lib/releases/change-release-status";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useAction } from "@/components/forms/use-action";
import { ApprovalNeeded } from "./approval-needed";
import { RegressionWarning } from "./regression-warning";
import { useLatestRollout } from "./latest-rollout";

type Props = {
  teamSlug: string;
  releaseName: string;
  releaseKey: string;
  environment: { key: string; name: string };
  status: ReleaseStatus;
  version: number;
  exposureSummary: { name: string; basisPoints: number }[];
  canEdit: boolean;
  /** The environment's approval policy (null: none), whether the release is critical, its saved percentages, cohorts judged as everyone else. */
  approval: { rules: ApprovalRules | null; critical: boolean; percentages: Percentages; universalCohorts: string[] };
  /** A conflict carries the rollout as it is now. */
  run: Action<ChangeReleaseStatusInput, StatusChangeResult, RolloutSnapshot>;
  /** The rollout plan that owns this rollout, if any: roll back and promote end it. */
  activePlan?: { step: string } | null;
  /** Per-cohort health (readCohortHealth) and cohort names: promote and start warn about regressing cohorts. */
  health?: { cohorts: CohortHealth[]; names: Record<string, string> };
};

const NOBODY: Percentages = { defaultBasisPoints: 0, cohorts: {} };
const EVERYONE: Percentages = { defaultBasisPoints: 10_000, cohorts: {} };

function explicitOnly(cohorts: Percentages["cohorts"]): Record<string, number> {
  return Object.fromEntries(
    Object.entries(cohorts).flatMap(([key, bp]) => (typeof bp === "number" ? [[key, bp]] : [])),
  );
}

// The same judgement the server makes (lib/releases/change-release-status.ts); roll back never waits.
function reasonsFor(command: RolloutCommand | null, approval: Props["approval"], health: Props["health"]): string[] {
  if (command === null || command === "rollback") return [];
  const context = health
    ? { names: new Map(Object.entries(health.names)), regressing: regressingByKey(health.cohorts) }
    : {};
  if (command === "promote")
    return approvalReasons(approval.rules, {
      kind: "promote",
      critical: approval.critical,
      percentages: approval.percentages,
      ...context,
    });
  if (command === "start") {
    return approvalReasons(approval.rules, {
      kind: "start",
      percentages: approval.percentages,
      critical: approval.critical,
      universalCohorts: new Set(approval.universalCohorts),
      ...context,
    });
  }
  return approvalReasons(approval.rules, { kind: "status", critical: approval.critical });
}

const CONSEQUENCES: Record<RolloutCommand, (env: string) => string> = {
  start: (env) => `Users in ${env} start getting the release at the saved percentages.`,
  pause: () => "Percentages stay as they are; plans and guardrails stop acting on this release.",
  resume: () => "Automation may act on this release again.",
  promote: (env) => `Everyone in ${env} gets the release, whatever their cohort.`,
  rollback: (env) => `Nobody in ${env} gets the release any more. This never waits for an approval.`,
  restart: () => "The release goes back to draft with every percentage at 0%, ready to ramp again.",
};

const TITLES: Record<RolloutCommand, (release: string, env: string) => string> = {
  start: (r, e) => `Start rolling out ${r} in ${e}?`,
  pause: (r, e) => `Pause ${r} in ${e}?`,
  resume: (r, e) => `Resume ${r} in ${e}?`,
  promote: (r, e) => `Promote ${r} to everyone in ${e}?`,
  rollback: (r, e) => `Roll back ${r} in ${e}?`,
  restart: (r, e) => `Restart ${r} as a draft in ${e}?`,
};

const TONES: Partial<Record<RolloutCommand, "danger" | "success">> = { rollback: "danger", promote: "success" };

export function StatusActions(props: Props) {
  const router = useRouter();
  // A save made a moment ago on this page may not be in the props yet: act on the newest version.
  const { rollout: latest, report } = useLatestRollout({
    status: props.status,
    version: props.version,
    defaultBasisPoints: props.approval.percentages.defaultBasisPoints,
    cohorts: explicitOnly(props.approval.percentages.cohorts),
  });
  const [pending, setPending] = useState<RolloutCommand | null>(null);
  const command = useAction(props.run, { unreachable: "Could not reach Glidepath; nothing changed. Try again." });
  const error = command.error?.message ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const served = { defaultBasisPoints: latest.defaultBasisPoints, cohorts: latest.cohorts };
  const reasons = reasonsFor(pending, { ...props.approval, percentages: served }, props.health);
  function confirm(chosen: RolloutCommand) {
    command.run(
      {
        teamSlug: props.teamSlug,
        releaseKey: props.releaseKey,
        environmentKey: props.environment.key,
        command: chosen,
        ...(chosen === "rollback" ? {} : { expectedVersion: latest.version }),
        ...(reasons.length ? { comment } : {}),
      },
      {
        onSuccess: (data) => {
          setPending(null);
          setComment("");
          report(data);
          const requested = data.pendingApproval;
          setNotice(
            requested
              ? `Sent for approval: ${requested.summary}. Nothing changes until someone else approves it.`
              : null,
          );
          router.refresh();
        },
        onError: () => setPending(null),
      },
    );
  }

  if (!props.canEdit) return null;
  const commands = availableCommands(latest.status).filter((c) => c !== "rollback");
  const target = pending ? nextStatus(latest.status, pending) : null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {commands.map((command) => (
          <button
            key={command}
            type="button"
            className={command === "promote" ? "btn-success" : "btn-secondary"}
            onClick={() => setPending(command)}
          >
            {COMMAND_LABELS[command]}
          </button>
        ))}
        {/* Roll back is always on the page; it is only inert when there is nothing to roll back. */}
        <button
          type="button"
          className="btn-danger"
          disabled={latest.status === "rolled_back"}
          onClick={() => setPending("rollback")}
        >
          Roll back
        </button>
      </div>
      {error && (
        <p role="alert" className="max-w-md text-right text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="max-w-md text-right text-sm text-amber-700 dark:text-amber-300">
          {notice}
        </p>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? TITLES[pending](props.releaseName, props.environment.name) : ""}
        confirmLabel={
          pending
            ? reasons.length
              ? `Request approval to ${COMMAND_LABELS[pending].toLowerCase()}`
              : COMMAND_LABELS[pending]
            : ""
        }
        tone={pending ? TONES[pending] : undefined}
        pending={command.pending}
        onCancel={() => {
          setPending(null);
          setComment("");
        }}
        onConfirm={() => pending && confirm(pending)}
      >
        {pending && (
          <div className="space-y-3">
            <p>{CONSEQUENCES[pending](props.environment.name)}</p>
            {props.activePlan && (pending === "rollback" || pending === "promote" || pending === "pause") && (
              <p className="font-medium">
                {pending === "pause"
                  ? `The rollout plan (${props.activePlan.step}) waits while the release is paused.`
                  : `The rollout plan (${props.activePlan.step}) ends with it.`}
              </p>
            )}
            {target?.ok && (
              <p>
                Status: <span className="font-medium">{STATUS_LABELS[latest.status]}</span> →{" "}
                <span className="font-semibold">{STATUS_LABELS[target.status]}</span>
              </p>
            )}
            {(pending === "promote" || pending === "rollback") && (
              <ul className="grid grid-cols-2 gap-x-4 gap-y-0.5 text-xs">
                {props.exposureSummary.map((row) => (
                  <li key={row.name}>
                    {row.name}: <span className="tabular-nums">{formatBasisPoints(row.basisPoints)}</span> →{" "}
                    <span className="font-semibold tabular-nums">{pending === "promote" ? "100%" : "0%"}</span>
                  </li>
                ))}
              </ul>
            )}
            {props.health && (pending === "promote" || pending === "start") && (
              <RegressionWarning
                health={props.health.cohorts}
                before={pending === "promote" ? served : NOBODY}
                after={pending === "promote" ? EVERYONE : served}
              />
            )}
            {reasons.length > 0 && (
              <ApprovalNeeded
                environmentName={props.environment.name}
                reasons={reasons}
                comment={comment}
                onComment={setComment}
              />
            )}
          </div>
        )}
      </ConfirmDialog>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { approvalReasons, type ApprovalRules } from "@/lib/domain/approval-policy";
import { describeCondition, type CohortDefinition } from "@/lib/domain/cohort-rules";
import { canEditPercentages, STATUS_LABELS, type ReleaseStatus } from "@/lib/domain/rollout-state";
import { diffRollout, type RolloutValues } from "@/lib/domain/rollout-diff";
import type { RolloutConflict, SetRolloutInput, SetRolloutResult } from "@/lib/releases/set-rollout";
import type { CohortUsers } from "@/lib/metrics/estimate-user-change";
import { regressingByKey, type CohortHealth } from "@/lib/domain/cohort-health";
import { ApprovalNeeded } from "./approval-needed";
import { RegressionWarning } from "./regression-warning";
import { ChangePreview } from "./change-preview";
import { ConflictNotice } from "./conflict-notice";
import { useLatestRollout, type ServerRollout } from "./latest-rollout";
import { PercentSlider } from "./percent-slider";

type Cohort = { key: string; name: string; definition: CohortDefinition; basisPoints: number | null };

type Props = {
  teamSlug: string;
  releaseKey: string;
  environment: { key: string; name: string };
  status: ReleaseStatus;
  version: number;
  defaultBasisPoints: number;
  cohorts: Cohort[];
  canEdit: boolean;
  /** Distinct users per cohort key over the last 24 h, for "≈ +N users"; null: no traffic data. */
  usersByCohort?: CohortUsers | null;
  /** The environment's approval policy (null: none) and whether the release is critical. */
  approval: { rules: ApprovalRules | null; critical: boolean; universalCohorts: string[] };
  /** A conflict carries the rollout as it is now. */
  save: Action<SetRolloutInput, SetRolloutResult, RolloutConflict>;
  /**
   * A rollout plan that a hand change would pause (running or holding), with where it is
   * ("step 2 of 4"); null or left out: none.
   */
  runningPlan?: { step: string } | null;
  /** Per-cohort health (readCohortHealth): raising a regressing cohort is warned about, and may be held. */
  health?: CohortHealth[];
};

function savedValues(rollout: ServerRollout): RolloutValues {
  return { defaultBasisPoints: rollout.defaultBasisPoints, cohorts: rollout.cohorts };
}

function summarise(definition: CohortDefinition) {
  if (definition.kind === "keys")
    return `${definition.targetingKeys.length} listed targeting key${definition.targetingKeys.length === 1 ? "" : "s"}`;
  return definition.conditions.map(describeCondition).join(" and ");
}

export function RolloutEditor(props: Props) {
  const router = useRouter();
  const server = useMemo(
    () => ({
      status: props.status,
      version: props.version,
      defaultBasisPoints: props.defaultBasisPoints,
      cohorts: Object.fromEntries(
        props.cohorts.flatMap((c) => (c.basisPoints === null ? [] : [[c.key, c.basisPoints]])),
      ),
    }),
    [props.status, props.version, props.defaultBasisPoints, props.cohorts],
  );
  // What this page's own saves and commands reported, until the refreshed props catch up.
  const { rollout: latest, report } = useLatestRollout(server);
  const status = latest.status;
  const saved = useMemo(() => savedValues(latest), [latest]);
  // Pending edits remember the version they started from; none pending = the saved values,
  // so fresh server data shows at once without overwriting anyone's work in progress.
  const [edit, setEdit] = useState<{ values: RolloutValues; baseVersion: number } | null>(null);
  const draft = edit?.values ?? saved;
  const baseVersion = edit?.baseVersion ?? latest.version;
  const saving = useAction(props.save, {
    unreachable: "Could not reach Glidepath; nothing was saved. Check your connection and try again.",
  });
  const { conflict } = saving;
  const error = saving.error && !conflict ? saving.error.message : null;
  const [notice, setNotice] = useState<string | null>(null);
  const [comment, setComment] = useState("");

  const changes = diffRollout(saved, draft, props.cohorts);
  const dirty = changes.length > 0;
  // The same rule the server applies, so the page says before saving that it will be held.
  const reasons = dirty
    ? approvalReasons(props.approval.rules, {
        kind: "set_rollout",
        status,
        before: saved,
        after: draft,
        critical: props.approval.critical,
        universalCohorts: new Set(props.approval.universalCohorts),
        names: new Map(props.cohorts.map((c) => [c.key, c.name])),
        regressing: regressingByKey(props.health ?? []),
      })
    : [];

  function update(change: (values: RolloutValues) => RolloutValues) {
    setNotice(null);
    setEdit((e) => ({ values: change(e?.values ?? saved), baseVersion: e?.baseVersion ?? latest.version }));
  }

  const editable = props.canEdit && canEditPercentages(status);
  function save() {
    saving.run(
      {
        teamSlug: props.teamSlug,
        releaseKey: props.releaseKey,
        environmentKey: props.environment.key,
        expectedVersion: baseVersion,
        defaultBasisPoints: draft.defaultBasisPoints,
        cohorts: Object.fromEntries(changes.filter((c) => c.key !== "default").map((c) => [c.key, c.to])),
        ...(reasons.length ? { comment } : {}),
      },
      {
        onSuccess: (data) => {
          const requested = data.pendingApproval;
          const paused = data.planPaused
            ? ` The rollout plan${props.runningPlan ? ` (${props.runningPlan.step})` : ""} is paused: resume it from the plan when you are done.`
            : "";
          setNotice(
            (requested
              ? `Sent for approval: ${requested.summary}. Nothing changes in ${props.environment.name} until someone else approves it.`
              : data.changed
                ? `Saved. ${props.environment.name} is now at version ${data.rollout.version}.`
                : "Nothing to save.") + paused,
          );
          report(data.rollout);
          setEdit(null);
          setComment("");
          router.refresh();
        },
        onError: () => setNotice(null),
      },
    );
  }

  function setCohort(key: string, bp: number | null) {
    update((d) => ({ ...d, cohorts: { ...d.cohorts, [key]: bp } }));
  }

  function startFromCurrent() {
    setEdit(null);
    saving.reset();
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby="rollout-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <h2 id="rollout-heading" className="font-semibold">
          Rollout in {props.environment.name}
        </h2>
        <p className="muted text-xs">
          {!props.canEdit
            ? "You have view access: ask an editor to change percentages."
            : !canEditPercentages(status)
              ? `Percentages are locked while the release is ${STATUS_LABELS[status].toLowerCase()}.`
              : status === "draft"
                ? "Draft: saved percentages take effect when you start the rollout."
                : "Drag, use the arrow keys, or type a value. Nothing changes until you save."}
        </p>
      </div>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {props.cohorts.map((cohort) => {
          const explicit = draft.cohorts[cohort.key] ?? null;
          return (
            <li key={cohort.key} className="grid gap-2 px-5 py-3 md:grid-cols-[minmax(0,16rem)_1fr] md:items-center">
              <div className="min-w-0">
                <p className="text-sm font-medium">{cohort.name}</p>
                <p className="muted truncate text-xs" title={summarise(cohort.definition)}>
                  {summarise(cohort.definition)}
                </p>
                {explicit === null ? (
                  <p className="text-xs text-brand-600 dark:text-brand-100">Follows everyone else</p>
                ) : (
                  editable && (
                    <button
                      type="button"
                      className="text-xs text-brand-600 hover:underline dark:text-brand-100"
                      onClick={() => setCohort(cohort.key, null)}
                    >
                      Follow everyone else instead
                    </button>
                  )
                )}
              </div>
              <PercentSlider
                label={cohort.name}
                value={explicit ?? draft.defaultBasisPoints}
                inherited={explicit === null}
                disabled={!editable}
                onChange={(bp) => setCohort(cohort.key, bp)}
              />
            </li>
          );
        })}
        <li className="grid gap-2 bg-zinc-50 px-5 py-3 md:grid-cols-[minmax(0,16rem)_1fr] md:items-center dark:bg-zinc-950/40">
          <div>
            <p className="text-sm font-medium">Everyone else</p>
            <p className="muted text-xs">Users in no cohort, and cohorts that follow this value</p>
          </div>
          <PercentSlider
            label="Everyone else"
            value={draft.defaultBasisPoints}
            disabled={!editable}
            onChange={(bp) => update((d) => ({ ...d, defaultBasisPoints: bp }))}
          />
        </li>
      </ul>
      <div className="space-y-3 border-t border-zinc-200 px-5 py-4 dark:border-zinc-800">
        {conflict && (
          <ConflictNotice
            message={conflict.message}
            current={conflict.current}
            cohortNames={props.cohorts}
            onUseCurrent={startFromCurrent}
          />
        )}
        {error && (
          <p
            role="alert"
            className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {error}
          </p>
        )}
        {dirty ? (
          <div className="space-y-3">
            <p className="text-sm font-medium">Will change in {props.environment.name}:</p>
            <ChangePreview
              changes={changes}
              saved={saved}
              draft={draft}
              usersByCohort={props.usersByCohort ?? null}
              status={status}
            />
            {status !== "draft" && <RegressionWarning health={props.health ?? []} before={saved} after={draft} />}
            {props.runningPlan && (
              <p
                role="note"
                className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
              >
                <span className="font-medium">Saving pauses the rollout plan ({props.runningPlan.step}).</span> It takes
                no more steps until someone resumes it; its guardrails still roll back on harm.
              </p>
            )}
            {reasons.length > 0 && (
              <ApprovalNeeded
                environmentName={props.environment.name}
                reasons={reasons}
                comment={comment}
                onComment={setComment}
              />
            )}
            <div className="flex gap-2">
              <button type="button" className="btn-primary" disabled={saving.pending || !editable} onClick={save}>
                {saving.pending
                  ? "Saving…"
                  : reasons.length
                    ? `Request approval for ${changes.length} change${changes.length === 1 ? "" : "s"}`
                    : `Save ${changes.length} change${changes.length === 1 ? "" : "s"}`}
              </button>
              <button
                type="button"
                className="btn-secondary"
                disabled={saving.pending}
                onClick={() => {
                  setEdit(null);
                  saving.reset();
                }}
              >
                Discard
              </button>
            </div>
          </div>
        ) : (
          <p className="muted text-sm" role="status">
            {notice ?? "No pending changes."}
          </p>
        )}
      </div>
    </section>
  );
}

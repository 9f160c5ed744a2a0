"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useAction } from "@/components/forms/use-action";
import { ApprovalNeeded } from "@/components/releases/approval-needed";
import { formatBasisPoints } from "@/lib/domain/percent";
import type { RolloutChange } from "@/lib/domain/rollout-diff";
import type { Action } from "@/lib/http/actions/action-result";
import type { PreviewRevertInput, RevertPreview } from "@/lib/releases/preview-revert";
import type { RevertRolloutChangeInput } from "@/lib/releases/revert-rollout-change";
import type { SetRolloutResult } from "@/lib/releases/set-rollout";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";

export type RevertActions = {
  teamSlug: string;
  preview: Action<PreviewRevertInput, RevertPreview>;
  revert: Action<RevertRolloutChangeInput, SetRolloutResult, RolloutSnapshot>;
};

function side(bp: number | null, fallback: number) {
  return bp === null ? `${formatBasisPoints(fallback)} (everyone else)` : formatBasisPoints(bp);
}

/** Old → new of the revert, against the rollout as it is now (not as it was at the entry). */
function RevertDiff({ changes, now, after }: { changes: RolloutChange[]; now: number; after: number }) {
  return (
    <ul aria-label="Revert changes" className="space-y-0.5 text-sm">
      {changes.map((c) => (
        <li key={c.key}>
          <span className="font-medium">{c.name}</span>{" "}
          <span className="tabular-nums">
            <span className="muted">{side(c.from, now)}</span> →{" "}
            <span className="font-semibold">{side(c.to, after)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Revert this change" on a percentage change in the audit trail: asks the server what the
 * revert would do now, shows it, and sends it as an ordinary change (approval policy included).
 */
export function RevertChangeButton({ auditEventId, actions }: { auditEventId: string; actions: RevertActions }) {
  const router = useRouter();
  const unreachable = "Could not reach Glidepath; nothing changed. Try again.";
  const previewing = useAction(actions.preview, { unreachable });
  const reverting = useAction(actions.revert, { unreachable });
  const [preview, setPreview] = useState<RevertPreview | null>(null);
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const error = previewing.error?.message ?? reverting.error?.message ?? null;

  function open() {
    setDone(null);
    reverting.reset();
    previewing.run({ teamSlug: actions.teamSlug, auditEventId }, { onSuccess: setPreview });
  }

  function confirm() {
    if (!preview) return;
    reverting.run(
      {
        teamSlug: actions.teamSlug,
        auditEventId,
        expectedVersion: preview.version,
        ...(preview.reasons.length ? { comment } : {}),
      },
      {
        onSuccess: (result) => {
          setPreview(null);
          setComment("");
          setDone(
            result.pendingApproval
              ? `Sent for approval. Nothing changes in ${preview.environment.name} until someone else approves it.`
              : result.changed
                ? `Reverted in ${preview.environment.name}.`
                : "Nothing to revert: the values are already as before this change.",
          );
          router.refresh();
        },
        onError: () => setPreview(null),
      },
    );
  }

  const nothing = preview !== null && preview.changes.length === 0;
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
      <button
        type="button"
        className="text-xs text-brand-600 hover:underline disabled:opacity-60 dark:text-brand-100"
        disabled={previewing.pending}
        onClick={open}
      >
        {previewing.pending ? "Checking…" : "Revert this change"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      )}
      {done && (
        <span role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
          {done}
        </span>
      )}
      <ConfirmDialog
        open={preview !== null}
        title={preview ? `Revert this change to ${preview.release.name} in ${preview.environment.name}?` : ""}
        confirmLabel={preview?.reasons.length ? "Request approval to revert" : nothing ? "Nothing to revert" : "Revert"}
        pending={reverting.pending}
        onCancel={() => {
          setPreview(null);
          setComment("");
        }}
        onConfirm={() => {
          if (preview && !preview.blocked && !nothing) confirm();
          else setPreview(null);
        }}
      >
        {preview && (
          <div className="space-y-3">
            <p>
              The values this change moved go back to what they were just before it; anything it didn&apos;t touch keeps
              its current value.
            </p>
            {preview.blocked ? (
              <p role="alert" className="font-medium">
                {preview.blocked}
              </p>
            ) : nothing ? (
              <p>The values are already as they were before this change.</p>
            ) : (
              <RevertDiff changes={preview.changes} now={preview.everyoneElse.now} after={preview.everyoneElse.after} />
            )}
            {!preview.blocked && preview.reasons.length > 0 && (
              <ApprovalNeeded
                environmentName={preview.environment.name}
                reasons={preview.reasons}
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

"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { MoveCohortInput, MoveCohortResult } from "@/lib/cohorts/move-cohort";
import type { CohortChangePreview, PreviewCohortChangeInput } from "@/lib/cohorts/preview-cohort-change";
import { CohortChangePreviewPanel } from "./cohort-change-preview";

type Direction = "up" | "down";

type Props = {
  teamSlug: string;
  cohortKey: string;
  cohortName: string;
  first: boolean;
  last: boolean;
  move: Action<MoveCohortInput, MoveCohortResult>;
  preview: Action<PreviewCohortChangeInput, CohortChangePreview>;
  /** More row actions (Edit), beside the arrows. */
  children?: ReactNode;
};

/**
 * Moving a cohort changes who gets releases (users in both it and its neighbour switch), so
 * an arrow first shows what the move does, then moves (or sends it for approval) on confirm.
 */
export function MoveButtons({ teamSlug, cohortKey, cohortName, first, last, move, preview, children }: Props) {
  const router = useRouter();
  const previewing = useAction(preview);
  const moving = useAction(move);
  const [pending, setPending] = useState<{ direction: Direction; preview: CohortChangePreview } | null>(null);
  const [comment, setComment] = useState("");
  const [held, setHeld] = useState<string | null>(null);

  function ask(direction: Direction) {
    setHeld(null);
    moving.reset();
    previewing.run(
      { teamSlug, cohortKey, change: { kind: "move", direction } },
      { onSuccess: (data) => setPending({ direction, preview: data }) },
    );
  }

  function confirm() {
    if (!pending) return;
    moving.run(
      { teamSlug, cohortKey, direction: pending.direction, comment },
      {
        onSuccess: (data) => {
          setPending(null);
          setComment("");
          if (data.pendingApproval) {
            setHeld("Sent for approval: nothing changes until someone else approves it. See Approvals.");
            return;
          }
          router.refresh();
        },
      },
    );
  }

  const busy = previewing.pending || moving.pending;
  const error = previewing.error ?? moving.error;
  const needsApproval = (pending?.preview.heldBecause.length ?? 0) > 0;
  return (
    <>
      <div className="flex flex-col items-end gap-1">
        <div className="flex items-center gap-1">
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            disabled={first || busy}
            onClick={() => ask("up")}
            aria-label={`Move ${cohortName} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            disabled={last || busy}
            onClick={() => ask("down")}
            aria-label={`Move ${cohortName} down`}
          >
            ↓
          </button>
          {children}
        </div>
        {error && (
          <span role="alert" className="field-error max-w-64 text-right text-xs">
            {error.message}
          </span>
        )}
        {held && (
          <span role="status" className="max-w-64 break-words text-right text-xs text-amber-800 dark:text-amber-200">
            {held}
          </span>
        )}
      </div>
      {pending && (
        <div className="basis-full space-y-2">
          <CohortChangePreviewPanel preview={pending.preview} label={`Moving ${cohortName} ${pending.direction}`} />
          {needsApproval && (
            <label className="block text-sm">
              <span className="label">Comment for approvers</span>
              <textarea
                className="input min-h-16"
                maxLength={1000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                placeholder="Why this order? What did you check?"
              />
            </label>
          )}
          <div className="flex flex-wrap gap-2">
            <button type="button" className="btn-primary" disabled={busy} onClick={confirm}>
              {moving.pending
                ? "Moving…"
                : needsApproval
                  ? "Send for approval"
                  : `Move ${pending.direction === "up" ? "up" : "down"}`}
            </button>
            <button type="button" className="btn-secondary" disabled={busy} onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}

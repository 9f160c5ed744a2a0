"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

type Decide = (input: Record<string, unknown>) => Promise<ActionResult<{ status: string }>>;

type Props = {
  teamSlug: string;
  id: string;
  /** What this person may do with the request. */
  can: { approve: boolean; cancel: boolean };
  approve: Decide;
  reject: Decide;
  cancel: Decide;
};

const OUTCOMES: Record<string, string> = {
  applied: "Approved and applied.",
  stale: "Not applied: the release changed since the request, so it is now stale. Nothing was changed.",
  expired: "Not applied: the request had expired. Nothing was changed.",
  rejected: "Rejected.",
  cancelled: "Cancelled.",
};

/** Approve / reject with a comment, or withdraw one's own request; says what happened. */
export function DecideRequest({ teamSlug, id, can, approve, reject, cancel }: Props) {
  const router = useRouter();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function run(action: Decide) {
    setError(null);
    start(async () => {
      const result = await action({ teamSlug, id, comment });
      if (!result.ok) {
        setError(result.error.fieldErrors?.comment?.[0] ?? result.error.message);
        return;
      }
      setOutcome(OUTCOMES[result.data.status] ?? result.data.status);
      router.refresh();
    });
  }

  if (outcome) {
    return (
      <p role="status" className="rounded-lg bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800">
        {outcome}
      </p>
    );
  }
  if (!can.approve && !can.cancel) return null;
  return (
    <div className="space-y-2">
      <label htmlFor={commentId} className="block text-xs font-medium">
        Comment
      </label>
      <textarea
        id={commentId}
        className="input min-h-14 w-full"
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={can.approve ? "What you checked, or why not (required to reject)" : "Why you are withdrawing it (optional)"}
      />
      <div className="flex flex-wrap gap-2">
        {can.approve && (
          <>
            <button type="button" className="btn-success" disabled={pending} onClick={() => run(approve)}>
              Approve
            </button>
            <button type="button" className="btn-secondary text-red-700 dark:text-red-300" disabled={pending} onClick={() => run(reject)}>
              Reject
            </button>
          </>
        )}
        {can.cancel && (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => run(cancel)}>
            Cancel request
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

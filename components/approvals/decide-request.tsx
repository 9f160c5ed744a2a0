"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";

export type Decide = (input: Record<string, unknown>) => Promise<ActionResult<{ status: string }>>;

type Props = {
  teamSlug: string;
  id: string;
  /** What this person may do with the request. */
  can: { approve: boolean; cancel: boolean };
  approve: Decide;
  reject: Decide;
  cancel: Decide;
  /** The request left "pending": its final status, or why it can't be decided any more. */
  onSettled: (outcome: { status: string } | { gone: string }) => void;
};

/** Approve / reject with a comment, or withdraw a request; the card says what happened. */
export function DecideRequest({ teamSlug, id, can, approve, reject, cancel, onSettled }: Props) {
  const router = useRouter();
  const commentId = useId();
  const errorId = useId();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function run(action: Decide) {
    setError(null);
    start(async () => {
      const result = await action({ teamSlug, id, comment });
      // Decided by someone else or removed meanwhile: that ends this card too, so say so in place of the buttons.
      const gone = !result.ok && (result.error.code === "conflict" || result.error.code === "not_found");
      if (!result.ok && !gone) {
        setError(result.error.fieldErrors?.comment?.[0] ?? result.error.message);
        return;
      }
      onSettled(result.ok ? { status: result.data.status } : { gone: result.error.message });
      router.refresh();
    });
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
        onChange={(e) => {
          setComment(e.target.value);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
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
        {pending && (
          <span className="muted self-center text-sm" aria-live="polite">
            Working…
          </span>
        )}
      </div>
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

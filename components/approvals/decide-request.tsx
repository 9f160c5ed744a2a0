"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action, ActionError } from "@/lib/http/actions/action-result";
import type { DecideChangeRequestInput } from "@/lib/change-requests/change-request-schemas";

export type Decide = Action<DecideChangeRequestInput, { status: string }>;

type Verb = "approve" | "reject" | "cancel";

// Decided by someone else or removed meanwhile: that ends this card too, so say so in place of the buttons.
const isGone = (error: ActionError) => error.code === "conflict" || error.code === "not_found";

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
  const actions = { approve, reject, cancel };
  const decide = useAction((verb: Verb) => actions[verb]({ teamSlug, id, comment }));
  const { pending, reset } = decide;
  const error =
    decide.error && !isGone(decide.error) ? (decide.error.fieldErrors?.comment?.[0] ?? decide.error.message) : null;

  function run(verb: Verb) {
    reset();
    decide.run(verb, {
      onSuccess: (data) => {
        onSettled({ status: data.status });
        router.refresh();
      },
      onError: (refused) => {
        if (!isGone(refused)) return;
        onSettled({ gone: refused.message });
        router.refresh();
      },
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
          reset();
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder={
          can.approve ? "What you checked, or why not (required to reject)" : "Why you are withdrawing it (optional)"
        }
      />
      <div className="flex flex-wrap gap-2">
        {can.approve && (
          <>
            <button type="button" className="btn-success" disabled={pending} onClick={() => run("approve")}>
              Approve
            </button>
            <button
              type="button"
              className="btn-secondary text-red-700 dark:text-red-300"
              disabled={pending}
              onClick={() => run("reject")}
            >
              Reject
            </button>
          </>
        )}
        {can.cancel && (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => run("cancel")}>
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

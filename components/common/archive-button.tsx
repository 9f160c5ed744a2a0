"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { HeldForApproval } from "@/components/approvals/held-for-approval";
import { ConfirmDialog } from "./confirm-dialog";

type Props = {
  teamSlug: string;
  /** What is archived, as people know it: the button says "Archive <noun>", the dialog names it. */
  noun: "cohort" | "release";
  name: string;
  /** What archiving does, said in the dialog before anything happens. */
  consequence: ReactNode;
  /** Offer a comment for approvers (for changes the approval policy may hold). */
  withComment?: boolean;
  /** Archives, with the comment for approvers (empty when not offered). */
  archive: Action<string, { pendingApproval?: ChangeRequestView }, unknown>;
  /** Where to go once archived (the list it left). */
  then: string;
};

/** Archive after a confirmation that says what it does; a change the policy held says so instead. */
export function ArchiveButton({ teamSlug, noun, name, consequence, withComment, archive, then }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [held, setHeld] = useState<ChangeRequestView | null>(null);
  const [comment, setComment] = useState("");
  const { error, pending, run } = useAction(archive);
  return (
    <div className="space-y-2">
      <button
        type="button"
        className="btn-secondary text-red-700 dark:text-red-300"
        onClick={() => setOpen(true)}
        disabled={held !== null}
      >
        Archive {noun}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      {held && <HeldForApproval teamSlug={teamSlug} request={held} />}
      <ConfirmDialog
        open={open}
        title={`Archive “${name}”?`}
        confirmLabel="Archive"
        tone="danger"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          run(comment, {
            onSuccess: (data) => {
              setOpen(false);
              if (data.pendingApproval) return setHeld(data.pendingApproval);
              router.push(then);
              router.refresh();
            },
            onError: () => setOpen(false),
          })
        }
      >
        {consequence}
        {withComment && (
          <label className="mt-3 block">
            <span className="mb-1 block text-xs font-medium">Comment for approvers</span>
            <textarea
              className="input min-h-16 w-full"
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
        )}
      </ConfirmDialog>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";
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
  archive: (comment: string) => Promise<ActionResult<{ pendingApproval?: ChangeRequestView }>>;
  /** Where to go once archived (the list it left). */
  then: string;
};

/** Archive after a confirmation that says what it does; a change the policy held says so instead. */
export function ArchiveButton({ teamSlug, noun, name, consequence, withComment, archive, then }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState<ChangeRequestView | null>(null);
  const [comment, setComment] = useState("");
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary text-red-700 dark:text-red-300" onClick={() => setOpen(true)} disabled={held !== null}>
        Archive {noun}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
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
          startTransition(async () => {
            const result = await archive(comment);
            setOpen(false);
            if (!result.ok) return setError(result.error.message);
            setError(null);
            if (result.data.pendingApproval) return setHeld(result.data.pendingApproval);
            router.push(then);
            router.refresh();
          })
        }
      >
        {consequence}
        {withComment && (
          <label className="mt-3 block">
            <span className="mb-1 block text-xs font-medium">Comment for approvers</span>
            <textarea className="input min-h-16 w-full" maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
        )}
      </ConfirmDialog>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import type { ChangeRequestView } from "@/lib/approvals/change-request-view";
import { HeldForApproval } from "@/components/approvals/held-for-approval";
import { ConfirmDialog } from "@/components/common/confirm-dialog";

type Props = {
  teamSlug: string;
  cohort: { key: string; name: string; version: number; explicitRollouts: number };
  archive: (input: { teamSlug: string; cohortKey: string; expectedVersion: number; comment?: string }) => Promise<ActionResult<{ archived: boolean; pendingApproval?: ChangeRequestView }>>;
};

/** Archive after saying what it does to who gets releases; held for approval where a policy asks. */
export function ArchiveCohortButton({ teamSlug, cohort, archive }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState<ChangeRequestView | null>(null);
  const [comment, setComment] = useState("");
  const [pending, startTransition] = useTransition();
  const percentages = cohort.explicitRollouts === 1 ? "its own percentage in 1 rollout" : `its own percentages in ${cohort.explicitRollouts} rollouts`;
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary text-red-700 dark:text-red-300" onClick={() => setOpen(true)} disabled={held !== null}>
        Archive cohort
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {held && <HeldForApproval teamSlug={teamSlug} request={held} />}
      <ConfirmDialog
        open={open}
        title={`Archive “${cohort.name}”?`}
        confirmLabel="Archive"
        tone="danger"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          startTransition(async () => {
            const result = await archive({ teamSlug, cohortKey: cohort.key, expectedVersion: cohort.version, comment });
            setOpen(false);
            if (!result.ok) return setError(result.error.message);
            setError(null);
            if (result.data.pendingApproval) return setHeld(result.data.pendingApproval);
            router.push(`/teams/${teamSlug}/cohorts`);
            router.refresh();
          })
        }
      >
        <p>
          It stops matching in every environment: its users fall to the cohorts after it, or to everyone else, and get what those are served. {percentages} {cohort.explicitRollouts === 0 ? "— none, so nothing else goes" : "go too (the audit trail keeps them)"}.
        </p>
        <p className="mt-2">Where an approval policy would hold that, it is sent for approval instead. You can restore it later, as the last cohort.</p>
        <label className="mt-3 block">
          <span className="mb-1 block text-xs font-medium">Comment for approvers</span>
          <textarea className="input min-h-16 w-full" maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      </ConfirmDialog>
    </div>
  );
}

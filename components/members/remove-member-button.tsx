"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { RemoveMemberInput } from "@/lib/members/remove-member";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useAction } from "@/components/forms/use-action";
import { pendingRequestsWarning } from "./pending-requests-warning";

type Props = {
  teamSlug: string;
  teamName: string;
  membershipId: string;
  memberName: string;
  isSelf: boolean;
  ownedReleases: number;
  pendingRequests: number;
  /** Why they can't be removed (the last admin), or null. */
  lockedReason: string | null;
  remove: Action<RemoveMemberInput, { membershipId: string; name: string; self: boolean }>;
};

export function RemoveMemberButton({
  teamSlug,
  teamName,
  membershipId,
  memberName,
  isSelf,
  ownedReleases,
  pendingRequests,
  lockedReason,
  remove,
}: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { error, pending, run } = useAction(remove);
  const label = isSelf ? "Leave team" : "Remove";
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs text-red-700 dark:text-red-300"
        onClick={() => setOpen(true)}
        disabled={lockedReason !== null}
        title={lockedReason ?? undefined}
        aria-label={isSelf ? `Leave ${teamName}` : `Remove ${memberName}`}
      >
        {label}
      </button>
      {error && (
        <p role="alert" className="field-error max-w-[14rem] text-right text-xs">
          {error.message}
        </p>
      )}
      {/* Mounted only while open: one dialog in the page at a time, so its ids stay unique. The
          wrapper resets the table cell's right alignment, which the dialog would inherit. */}
      {open && (
        <div className="text-left">
          <ConfirmDialog
            open
            title={isSelf ? `Leave ${teamName}?` : `Remove ${memberName} from ${teamName}?`}
            confirmLabel={label}
            tone="danger"
            pending={pending}
            onCancel={() => setOpen(false)}
            onConfirm={() =>
              run(
                { teamSlug, membershipId },
                {
                  onSuccess: (data) => {
                    setOpen(false);
                    if (data.self) router.push("/");
                    else router.refresh();
                  },
                  onError: () => {
                    setOpen(false);
                    router.refresh();
                  },
                },
              )
            }
          >
            <div className="space-y-2">
              <p>
                {isSelf
                  ? "You lose access to this team at once; an admin can add you again."
                  : `${memberName} loses access to this team at once, on their next click.`}
              </p>
              {ownedReleases > 0 && (
                <p>
                  {isSelf ? "You own" : "They own"} {ownedReleases} release{ownedReleases === 1 ? "" : "s"} here;{" "}
                  {ownedReleases === 1 ? "it" : "they"} will have no owner.
                </p>
              )}
              {pendingRequests > 0 && <p>{pendingRequestsWarning(pendingRequests, isSelf)}</p>}
              <p className="muted">Past changes stay in the audit log under their name.</p>
            </div>
          </ConfirmDialog>
        </div>
      )}
    </div>
  );
}

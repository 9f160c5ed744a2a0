"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";

type Props = {
  teamSlug: string;
  cohortKey: string;
  cohortName: string;
  first: boolean;
  last: boolean;
  move: (input: { teamSlug: string; cohortKey: string; direction: "up" | "down" }) => Promise<ActionResult<{ order: string[]; pendingApproval?: ChangeRequestView }>>;
};

export function MoveButtons({ teamSlug, cohortKey, cohortName, first, last, move }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState<string | null>(null);
  function go(direction: "up" | "down") {
    startTransition(async () => {
      const result = await move({ teamSlug, cohortKey, direction });
      setError(result.ok ? null : result.error.message);
      setHeld(result.ok && result.data.pendingApproval ? "Sent for approval: it moves users to where a live release serves more. See Approvals." : null);
      if (result.ok && !result.data.pendingApproval) router.refresh();
    });
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-1">
        <button type="button" className="btn-secondary px-2 py-1" disabled={first || pending} onClick={() => go("up")} aria-label={`Move ${cohortName} up`}>
          ↑
        </button>
        <button type="button" className="btn-secondary px-2 py-1" disabled={last || pending} onClick={() => go("down")} aria-label={`Move ${cohortName} down`}>
          ↓
        </button>
      </div>
      {error && (
        <span role="alert" className="field-error max-w-64 text-right text-xs">
          {error}
        </span>
      )}
      {held && (
        <span role="status" className="max-w-64 break-words text-right text-xs text-amber-800 dark:text-amber-200">
          {held}
        </span>
      )}
    </div>
  );
}

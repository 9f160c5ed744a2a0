"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { MoveCohortInput, MoveCohortResult } from "@/lib/cohorts/move-cohort";

type Props = {
  teamSlug: string;
  cohortKey: string;
  cohortName: string;
  first: boolean;
  last: boolean;
  move: Action<MoveCohortInput, MoveCohortResult>;
};

export function MoveButtons({ teamSlug, cohortKey, cohortName, first, last, move }: Props) {
  const router = useRouter();
  const { error, pending, run } = useAction(move);
  const [held, setHeld] = useState<string | null>(null);
  function go(direction: "up" | "down") {
    run(
      { teamSlug, cohortKey, direction },
      {
        onSuccess: (data) => {
          setHeld(
            data.pendingApproval
              ? "Sent for approval: it moves users to where a live release serves more. See Approvals."
              : null,
          );
          if (!data.pendingApproval) router.refresh();
        },
        onError: () => setHeld(null),
      },
    );
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-1">
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          disabled={first || pending}
          onClick={() => go("up")}
          aria-label={`Move ${cohortName} up`}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          disabled={last || pending}
          onClick={() => go("down")}
          aria-label={`Move ${cohortName} down`}
        >
          ↓
        </button>
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
  );
}

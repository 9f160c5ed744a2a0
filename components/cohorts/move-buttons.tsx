"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

type Props = {
  teamSlug: string;
  cohortKey: string;
  cohortName: string;
  first: boolean;
  last: boolean;
  move: (input: { teamSlug: string; cohortKey: string; direction: "up" | "down" }) => Promise<ActionResult<{ order: string[] }>>;
};

export function MoveButtons({ teamSlug, cohortKey, cohortName, first, last, move }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function go(direction: "up" | "down") {
    startTransition(async () => {
      const result = await move({ teamSlug, cohortKey, direction });
      if (!result.ok) setError(result.error.message);
      else router.refresh();
    });
  }
  return (
    <div className="flex items-center gap-1">
      <button type="button" className="btn-secondary px-2 py-1" disabled={first || pending} onClick={() => go("up")} aria-label={`Move ${cohortName} up`}>
        ↑
      </button>
      <button type="button" className="btn-secondary px-2 py-1" disabled={last || pending} onClick={() => go("down")} aria-label={`Move ${cohortName} down`}>
        ↓
      </button>
      {error && (
        <span role="alert" className="field-error text-xs">
          {error}
        </span>
      )}
    </div>
  );
}

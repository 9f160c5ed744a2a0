"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";

type Props = {
  /** What comes back, as people know it: the button reads "Restore <name>" to screen readers. */
  name: string;
  restore: () => Promise<ActionResult<unknown>>;
};

/** Restoring something archived changes who gets nothing (it comes back serving nobody new), so no confirmation. */
export function RestoreButton({ name, restore }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        aria-label={`Restore ${name}`}
        onClick={() =>
          startTransition(async () => {
            const result = await restore();
            setError(result.ok ? null : result.error.message);
            if (result.ok) router.refresh();
          })
        }
      >
        {pending ? "Restoring…" : "Restore"}
      </button>
      {error && (
        <span role="alert" className="field-error text-xs">
          {error}
        </span>
      )}
    </div>
  );
}

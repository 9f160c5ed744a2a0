"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";

export function CancelRequestButton({ teamSlug, id, cancel }: { teamSlug: string; id: string; cancel: (input: Record<string, unknown>) => Promise<ActionResult<{ status: string }>> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="text-xs text-red-700 hover:underline disabled:opacity-50 dark:text-red-300"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await cancel({ teamSlug, id });
            if (result.ok) router.refresh();
            else setError(result.error.message);
          })
        }
      >
        {pending ? "Cancelling…" : "Cancel request"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}

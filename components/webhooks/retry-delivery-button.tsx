"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/common/use-hydrated";
import type { ActionResult } from "@/lib/http/actions/action-result";

type Props = {
  teamSlug: string;
  deliveryId: string;
  retry: (input: { teamSlug: string; deliveryId: string }) => Promise<ActionResult<{ id: string }>>;
};

/** One more attempt for a failed delivery, now. */
export function RetryDeliveryButton({ teamSlug, deliveryId, retry }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        disabled={pending || !hydrated}
        onClick={() =>
          startTransition(async () => {
            const result = await retry({ teamSlug, deliveryId });
            setError(result.ok ? null : result.error.message);
            router.refresh();
          })
        }
      >
        {pending ? "Queuing…" : "Send again"}
      </button>
      {error && (
        <span role="alert" className="field-error mt-0 text-xs">
          {error}
        </span>
      )}
    </span>
  );
}

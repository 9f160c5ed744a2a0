"use client";

import { useRouter } from "next/navigation";
import { useHydrated } from "@/components/common/use-hydrated";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { RetryWebhookDeliveryInput } from "@/lib/webhooks/webhook-schemas";

type Props = {
  teamSlug: string;
  deliveryId: string;
  retry: Action<RetryWebhookDeliveryInput, { id: string }>;
};

/** One more attempt for a failed delivery, now. */
export function RetryDeliveryButton({ teamSlug, deliveryId, retry }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { error, pending, run } = useAction(retry);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        disabled={pending || !hydrated}
        onClick={() => run({ teamSlug, deliveryId }, { onSettled: () => router.refresh() })}
      >
        {pending ? "Queuing…" : "Send again"}
      </button>
      {error && (
        <span role="alert" className="field-error mt-0 text-xs">
          {error.message}
        </span>
      )}
    </span>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { DecideChangeRequestInput } from "@/lib/change-requests/change-request-schemas";

export function CancelRequestButton({
  teamSlug,
  id,
  cancel,
}: {
  teamSlug: string;
  id: string;
  cancel: Action<DecideChangeRequestInput, { status: string }>;
}) {
  const router = useRouter();
  const { error, pending, run } = useAction(cancel);
  return (
    <>
      <button
        type="button"
        className="text-xs text-red-700 hover:underline disabled:opacity-50 dark:text-red-300"
        disabled={pending}
        onClick={() => run({ teamSlug, id }, { onSuccess: () => router.refresh() })}
      >
        {pending ? "Cancelling…" : "Cancel request"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error.message}
        </span>
      )}
    </>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useHydrated } from "@/components/common/use-hydrated";
import type { ActionResult } from "@/lib/http/actions/action-result";

type MetricRef = { teamSlug: string; metricKey: string };

type Props = {
  teamSlug: string;
  metric: { key: string; name: string };
  first: boolean;
  last: boolean;
  move: (input: MetricRef & { direction: "up" | "down" }) => Promise<ActionResult<{ order: string[] }>>;
  remove: (input: MetricRef) => Promise<ActionResult<{ key: string }>>;
};

/** Move up/down, edit and delete (after confirmation) for one metric of the list. */
export function MetricRowActions({ teamSlug, metric, first, last, move, remove }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function act<T>(call: () => Promise<ActionResult<T>>) {
    startTransition(async () => {
      const result = await call();
      setConfirming(false);
      setError(result.ok ? null : result.error.message);
      router.refresh();
    });
  }

  const ref = { teamSlug, metricKey: metric.key };
  return (
    // On narrow screens the actions wrap under the metric; the margin lines them up with its name.
    <div className="ml-10 flex flex-wrap items-center gap-2 sm:ml-0">
      <div className="flex items-center gap-1">
        <button type="button" className="btn-secondary px-2 py-1" disabled={first || pending || !hydrated} onClick={() => act(() => move({ ...ref, direction: "up" }))} aria-label={`Move ${metric.name} up`}>
          ↑
        </button>
        <button type="button" className="btn-secondary px-2 py-1" disabled={last || pending || !hydrated} onClick={() => act(() => move({ ...ref, direction: "down" }))} aria-label={`Move ${metric.name} down`}>
          ↓
        </button>
      </div>
      <Link href={`/teams/${teamSlug}/metrics/${metric.key}/edit`} className="btn-secondary" aria-label={`Edit ${metric.name}`}>
        Edit
      </Link>
      <button type="button" className="btn-secondary text-red-700 dark:text-red-300" disabled={!hydrated} onClick={() => setConfirming(true)} aria-label={`Delete ${metric.name}`}>
        Delete
      </button>
      {error && (
        <span role="alert" className="field-error mt-0 w-full text-xs">
          {error}
        </span>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete metric “${metric.name}”?`}
        confirmLabel="Delete metric"
        tone="danger"
        pending={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => act(() => remove(ref))}
      >
        <p>
          Release pages stop charting it. Data already stored under <code className="font-mono">{metric.key}</code> is not deleted: it ages out with
          retention, and shows again if a metric with the same key is created.
        </p>
      </ConfirmDialog>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useHydrated } from "@/components/common/use-hydrated";
import { useAction, type UseAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { DeleteMetricDefinitionInput } from "@/lib/metrics/definitions/delete-metric-definition";
import type { MoveMetricDefinitionInput } from "@/lib/metrics/definitions/move-metric-definition";

type Props = {
  teamSlug: string;
  metric: { key: string; name: string };
  first: boolean;
  last: boolean;
  move: Action<MoveMetricDefinitionInput, { order: string[] }>;
  remove: Action<DeleteMetricDefinitionInput, { key: string }>;
};

/** Move up/down, edit and delete (after confirmation) for one metric of the list. */
export function MetricRowActions({ teamSlug, metric, first, last, move, remove }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState(false);
  const moving = useAction(move);
  const removing = useAction(remove);
  // One action at a time: the error shown is the last action's.
  const pending = moving.pending || removing.pending;
  const error = moving.error ?? removing.error;

  function act<In, Out>(action: UseAction<In, Out>, input: In) {
    action.run(input, {
      onSettled: () => {
        for (const other of [moving, removing]) if (other !== action) other.reset();
        setConfirming(false);
        router.refresh();
      },
    });
  }

  const ref = { teamSlug, metricKey: metric.key };
  return (
    // On narrow screens the actions wrap under the metric; the margin lines them up with its name.
    <div className="ml-10 flex flex-wrap items-center gap-2 sm:ml-0">
      <div className="flex items-center gap-1">
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          disabled={first || pending || !hydrated}
          onClick={() => act(moving, { ...ref, direction: "up" })}
          aria-label={`Move ${metric.name} up`}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          disabled={last || pending || !hydrated}
          onClick={() => act(moving, { ...ref, direction: "down" })}
          aria-label={`Move ${metric.name} down`}
        >
          ↓
        </button>
      </div>
      <Link
        href={`/teams/${teamSlug}/metrics/${metric.key}/edit`}
        className="btn-secondary"
        aria-label={`Edit ${metric.name}`}
      >
        Edit
      </Link>
      <button
        type="button"
        className="btn-secondary text-red-700 dark:text-red-300"
        disabled={!hydrated}
        onClick={() => setConfirming(true)}
        aria-label={`Delete ${metric.name}`}
      >
        Delete
      </button>
      {error && (
        <span role="alert" className="field-error mt-0 w-full text-xs">
          {error.message}
        </span>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete metric “${metric.name}”?`}
        confirmLabel="Delete metric"
        tone="danger"
        pending={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => act(removing, ref)}
      >
        <p>
          Release pages stop charting it. Data already stored under <code className="font-mono">{metric.key}</code> is
          not deleted: it ages out with retention, and shows again if a metric with the same key is created.
        </p>
      </ConfirmDialog>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";

type Props<In> = {
  /** What comes back, as people know it: the button reads "Restore <name>" to screen readers. */
  name: string;
  restore: Action<In, unknown, unknown>;
  /** What the action is called with: which thing to restore. */
  input: In;
};

/** Restoring something archived changes who gets nothing (it comes back serving nobody new), so no confirmation. */
export function RestoreButton<In>({ name, restore, input }: Props<In>) {
  const router = useRouter();
  const { error, pending, run } = useAction(restore);
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        aria-label={`Restore ${name}`}
        onClick={() => run(input, { onSuccess: () => router.refresh() })}
      >
        {pending ? "Restoring…" : "Restore"}
      </button>
      {error && (
        <span role="alert" className="field-error text-xs">
          {error.message}
        </span>
      )}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { ConfirmDialog } from "@/components/common/confirm-dialog";

type Props = {
  teamSlug: string;
  environmentKey: string;
  release: { key: string; name: string };
  /** Where it still serves users ("Production (rolling)"); archiving needs none. */
  liveIn: string[];
  archive: (input: { teamSlug: string; releaseKey: string }) => Promise<ActionResult<{ key: string }>>;
};

/** Archive a release that serves nobody; while it is live anywhere the button says what to do first. */
export function ArchiveReleaseButton({ teamSlug, environmentKey, release, liveIn, archive }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (liveIn.length) {
    return <p className="muted text-sm">It still serves users in {liveIn.join(", ")}: roll it back there first (that never waits for approval), then archive it.</p>;
  }
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary text-red-700 dark:text-red-300" onClick={() => setOpen(true)}>
        Archive release
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={open}
        title={`Archive “${release.name}”?`}
        confirmLabel="Archive"
        tone="danger"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          startTransition(async () => {
            const result = await archive({ teamSlug, releaseKey: release.key });
            setOpen(false);
            if (!result.ok) return setError(result.error.message);
            router.push(`/teams/${teamSlug}/releases?env=${environmentKey}`);
            router.refresh();
          })
        }
      >
        <p>
          SDKs asking for <span className="font-mono">{release.key}</span> get “flag not found” and use their default value — it serves nobody now, so nobody&apos;s answer changes. Pending requests for it are cancelled. You can restore it from the releases list.
        </p>
      </ConfirmDialog>
    </div>
  );
}

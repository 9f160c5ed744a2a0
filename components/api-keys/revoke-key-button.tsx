"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { ConfirmDialog } from "@/components/common/confirm-dialog";

type Props = {
  teamSlug: string;
  keyId: string;
  name: string;
  revoke: (input: { teamSlug: string; keyId: string }) => Promise<ActionResult<{ keyId: string }>>;
};

export function RevokeKeyButton({ teamSlug, keyId, name, revoke }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button type="button" className="btn-secondary text-red-700 dark:text-red-300" onClick={() => setOpen(true)}>
        Revoke
      </button>
      {error && (
        <span role="alert" className="field-error text-xs">
          {error}
        </span>
      )}
      <ConfirmDialog
        open={open}
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke"
        tone="danger"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          startTransition(async () => {
            const result = await revoke({ teamSlug, keyId });
            setOpen(false);
            if (!result.ok) setError(result.error.message);
            router.refresh();
          })
        }
      >
        <p>Applications using this key get 401 within a second, on every instance. This can&apos;t be undone.</p>
      </ConfirmDialog>
    </>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";
import { ConfirmDialog } from "./confirm-dialog";

type Props = {
  /** What is being revoked, as people know it; the dialog asks "Revoke “name”?". */
  name: string;
  /** What stops working, said in the dialog before anything happens. */
  consequence: ReactNode;
  revoke: () => Promise<ActionResult<unknown>>;
};

/** Revoke after a confirmation that says what breaks; errors stay next to the button. */
export function RevokeButton({ name, consequence, revoke }: Props) {
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
            const result = await revoke();
            setOpen(false);
            if (!result.ok) setError(result.error.message);
            router.refresh();
          })
        }
      >
        <p>{consequence} This can&apos;t be undone.</p>
      </ConfirmDialog>
    </>
  );
}

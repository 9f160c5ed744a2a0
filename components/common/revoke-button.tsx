"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { ConfirmDialog } from "./confirm-dialog";

type Props<In> = {
  /** What is being revoked, as people know it; the dialog asks "Revoke “name”?". */
  name: string;
  /** What stops working, said in the dialog before anything happens. */
  consequence: ReactNode;
  revoke: Action<In, unknown, unknown>;
  /** What the action is called with: which thing to revoke. */
  input: In;
};

/** Revoke after a confirmation that says what breaks; errors stay next to the button. */
export function RevokeButton<In>({ name, consequence, revoke, input }: Props<In>) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { error, pending, run } = useAction(revoke);
  return (
    <>
      <button type="button" className="btn-secondary text-red-700 dark:text-red-300" onClick={() => setOpen(true)}>
        Revoke
      </button>
      {error && (
        <span role="alert" className="field-error text-xs">
          {error.message}
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
          run(input, {
            onSettled: () => {
              setOpen(false);
              router.refresh();
            },
          })
        }
      >
        <p>{consequence} This can&apos;t be undone.</p>
      </ConfirmDialog>
    </>
  );
}

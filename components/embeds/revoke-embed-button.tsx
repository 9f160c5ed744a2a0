"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { ConfirmDialog } from "@/components/common/confirm-dialog";

type Props = {
  teamSlug: string;
  id: string;
  name: string;
  revoke: (input: Record<string, unknown>) => Promise<ActionResult<{ id: string }>>;
};

export function RevokeEmbedButton({ teamSlug, id, name, revoke }: Props) {
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
            const result = await revoke({ teamSlug, id });
            setOpen(false);
            if (!result.ok) setError(result.error.message);
            router.refresh();
          })
        }
      >
        <p>Pages showing this chart get &ldquo;revoked&rdquo; instead on their next refresh (within 30 seconds), and the link and its image answer 404. This can&apos;t be undone.</p>
      </ConfirmDialog>
    </>
  );
}

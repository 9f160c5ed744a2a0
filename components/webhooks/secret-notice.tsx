"use client";

import { CopyButton } from "@/components/common/copy-button";

/** The signing secret, shown right after it was made and never again. */
export function SecretNotice({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  return (
    <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950">
      <p className="font-semibold">{title} Copy the signing secret now: it won&apos;t be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="webhook-secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
          {secret}
        </code>
        <CopyButton text={secret} />
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={onDismiss}>
          Done
        </button>
      </div>
      <p className="muted mt-2 text-xs">
        Receivers check <code className="font-mono">X-Glidepath-Signature</code>: <code className="font-mono">sha256=</code> + hex HMAC-SHA256 of{" "}
        <code className="font-mono">{"${X-Glidepath-Timestamp}.${body}"}</code> with this secret. Slack doesn&apos;t check signatures; you can ignore it there.
      </p>
    </div>
  );
}

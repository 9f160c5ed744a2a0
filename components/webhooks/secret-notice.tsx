"use client";

import { ShownOnce } from "@/components/common/shown-once";

/** The signing secret, shown right after it was made and never again. */
export function SecretNotice({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  return (
    <ShownOnce
      title={`${title} Copy the signing secret now: it won't be shown again.`}
      secret={secret}
      testId="webhook-secret"
      onDismiss={onDismiss}
    >
      <p className="muted mt-2 text-xs">
        Receivers check <code className="font-mono">X-Glidepath-Signature</code>:{" "}
        <code className="font-mono">sha256=</code> + hex HMAC-SHA256 of{" "}
        <code className="font-mono">{"${X-Glidepath-Timestamp}.${body}"}</code> with this secret. Slack doesn&apos;t
        check signatures; you can ignore it there.
      </p>
    </ShownOnce>
  );
}

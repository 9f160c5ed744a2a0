"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/common/confirm-dialog";
import { useHydrated } from "@/components/common/use-hydrated";
import { useAction, type UseAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { SetWebhookEnabledInput, WebhookRefInput } from "@/lib/webhooks/webhook-schemas";
import { SecretNotice } from "./secret-notice";

export type WebhookActionHandlers = {
  sendTest: Action<WebhookRefInput, { id: string }>;
  setEnabled: Action<SetWebhookEnabledInput, { enabled: boolean; cancelled: number }>;
  rotateSecret: Action<WebhookRefInput, { secret: string }>;
  remove: Action<WebhookRefInput, { id: string }>;
};

type Props = {
  teamSlug: string;
  webhook: { id: string; name: string; enabled: boolean; pendingCount?: number };
  actions: WebhookActionHandlers;
  /** Where to go after deleting (the detail page goes back to the list). */
  afterDeleteHref?: string;
};

type Confirming = "rotate" | "delete" | "disable" | null;

/** Send test, enable/disable, rotate secret and delete for one webhook (admins). */
export function WebhookActions({ teamSlug, webhook, actions, afterDeleteHref }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const ref = { teamSlug, webhookId: webhook.id };
  const sendTest = useAction(actions.sendTest);
  const setEnabled = useAction(actions.setEnabled);
  const rotateSecret = useAction(actions.rotateSecret);
  const remove = useAction(actions.remove);
  // One row of buttons, one action at a time: the error shown is the last action's.
  const all = [sendTest, setEnabled, rotateSecret, remove];
  const pending = all.some((a) => a.pending);
  const error = all.find((a) => a.error)?.error ?? null;

  function act<In, Out>(action: UseAction<In, Out>, input: In, onDone?: (data: Out) => void) {
    action.run(input, {
      onSuccess: onDone,
      onError: () => setNotice(null),
      onSettled: () => {
        for (const other of all) if (other !== action) other.reset();
        setConfirming(null);
        router.refresh();
      },
    });
  }

  const disabled = pending || !hydrated;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn-secondary"
          disabled={disabled || !webhook.enabled}
          title={webhook.enabled ? undefined : "Enable the webhook to send a test"}
          onClick={() =>
            act(sendTest, ref, () => setNotice("Test event queued; it shows in the delivery log in a moment."))
          }
          aria-label={`Send a test event to ${webhook.name}`}
        >
          Send test
        </button>
        {webhook.enabled ? (
          <button
            type="button"
            className="btn-secondary"
            disabled={disabled}
            onClick={() => setConfirming("disable")}
            aria-label={`Disable ${webhook.name}`}
          >
            Disable
          </button>
        ) : (
          <button
            type="button"
            className="btn-secondary"
            disabled={disabled}
            onClick={() => act(setEnabled, { ...ref, enabled: true }, () => setNotice(null))}
            aria-label={`Enable ${webhook.name}`}
          >
            Enable
          </button>
        )}
        <button
          type="button"
          className="btn-secondary"
          disabled={disabled}
          onClick={() => setConfirming("rotate")}
          aria-label={`Rotate the signing secret of ${webhook.name}`}
        >
          Rotate secret
        </button>
        <button
          type="button"
          className="btn-secondary text-red-700 dark:text-red-300"
          disabled={disabled}
          onClick={() => setConfirming("delete")}
          aria-label={`Delete ${webhook.name}`}
        >
          Delete
        </button>
      </div>
      {notice && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="field-error mt-0 text-sm">
          {error.message}
        </p>
      )}
      {secret && (
        <SecretNotice title={`New secret for “${webhook.name}”.`} secret={secret} onDismiss={() => setSecret(null)} />
      )}

      <ConfirmDialog
        open={confirming === "disable"}
        title={`Disable “${webhook.name}”?`}
        confirmLabel="Disable"
        pending={pending}
        onCancel={() => setConfirming(null)}
        onConfirm={() =>
          act(setEnabled, { ...ref, enabled: false }, (data) =>
            setNotice(
              data.cancelled
                ? `Disabled; ${data.cancelled} queued ${data.cancelled === 1 ? "delivery was" : "deliveries were"} dropped.`
                : "Disabled.",
            ),
          )
        }
      >
        <p>
          Nothing is sent to it until it is enabled again. Deliveries still queued for it are dropped, so re-enabling
          never floods the channel with old news.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "rotate"}
        title={`Rotate the secret of “${webhook.name}”?`}
        confirmLabel="Rotate secret"
        pending={pending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => act(rotateSecret, ref, (data) => setSecret(data.secret))}
      >
        <p>
          Every delivery from now on, retries included, is signed with the new secret; receivers checking the old one
          will refuse them until updated.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "delete"}
        title={`Delete “${webhook.name}”?`}
        confirmLabel="Delete"
        tone="danger"
        pending={pending}
        onCancel={() => setConfirming(null)}
        onConfirm={() =>
          act(remove, ref, () => {
            if (afterDeleteHref) router.push(afterDeleteHref);
          })
        }
      >
        <p>
          Its delivery log goes with it
          {webhook.pendingCount
            ? `, and ${webhook.pendingCount} queued ${webhook.pendingCount === 1 ? "delivery is" : "deliveries are"} dropped`
            : ""}
          . This can&apos;t be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/common/use-hydrated";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import type { SetWebhookAllowListInput } from "@/lib/webhooks/webhook-allow-list";

type Saved = { entries: string[]; changed: boolean };

type Props = {
  teamSlug: string;
  entries: string[];
  submit: Action<SetWebhookAllowListInput, Saved>;
};

/** The internal destinations this team's webhooks may reach (admins only). */
export function AllowListForm({ teamSlug, entries, submit }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [text, setText] = useState(entries.join("\n"));
  const [saved, setSaved] = useState(false);
  const { fieldErrors: errors, message, pending, run, clearField } = useAction(submit);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      { teamSlug, entries: text },
      {
        onSuccess: (result) => {
          setText(result.entries.join("\n"));
          setSaved(true);
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      {message && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      <Field
        id="webhook-allow-list"
        label="Allowed internal destinations"
        hint="One per line: a host name (receiver.internal), an address with or without a port (10.0.0.5:8080, [fd00::5]), or a range (10.20.0.0/16). Empty: webhooks reach public addresses only."
        errors={errors.entries}
      >
        <textarea
          id="webhook-allow-list"
          className="input min-h-24 font-mono text-xs"
          value={text}
          spellCheck={false}
          aria-invalid={errors.entries?.length ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
            clearField("entries");
          }}
        />
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-secondary" disabled={pending || !hydrated}>
          {pending ? "Saving…" : "Save allowed destinations"}
        </button>
        {saved && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}

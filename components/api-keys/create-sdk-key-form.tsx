"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { CopyButton } from "@/components/common/copy-button";
import { Field } from "@/components/forms/field";
import { useActionForm } from "@/components/forms/use-action-form";

type Created = { key: string; prefix: string; name: string; environmentKey: string };

type Props = {
  teamSlug: string;
  environments: { key: string; name: string }[];
  submit: (input: Record<string, unknown>) => Promise<ActionResult<Created>>;
};

export function CreateSdkKeyForm({ teamSlug, environments, submit }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [environmentKey, setEnvironmentKey] = useState(environments.at(-1)?.key ?? "");
  const [created, setCreated] = useState<Created | null>(null);
  const { errors, message, pending, run } = useActionForm<Created>();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      () => submit({ teamSlug, environmentKey, name }),
      (data) => {
        setCreated(data);
        setName("");
        router.refresh();
      },
    );
  }

  return (
    <div className="space-y-3">
      {created && (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          <p className="font-semibold">Key “{created.name}” created. Copy it now: it won&apos;t be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
              {created.key}
            </code>
            <CopyButton text={created.key} />
          </div>
        </div>
      )}
      <form onSubmit={onSubmit} className="card grid gap-4 p-5 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate>
        <Field id="key-name" label="Name" errors={errors.name}>
          <input id="key-name" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="checkout-service production" />
        </Field>
        <Field id="key-env" label="Environment" errors={errors.environmentKey}>
          <select id="key-env" className="input" value={environmentKey} onChange={(e) => setEnvironmentKey(e.target.value)}>
            {environments.map((env) => (
              <option key={env.key} value={env.key}>
                {env.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create SDK key"}
        </button>
        {message && (
          <p role="alert" className="field-error sm:col-span-3">
            {message}
          </p>
        )}
      </form>
    </div>
  );
}

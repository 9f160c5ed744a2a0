"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { CreateSdkKeyInput } from "@/lib/api-keys/create-api-key";
import { ShownOnce } from "@/components/common/shown-once";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";

type Created = { key: string; prefix: string; name: string; environmentKey: string };

type Props = {
  teamSlug: string;
  environments: { key: string; name: string }[];
  submit: Action<CreateSdkKeyInput, Created>;
};

export function CreateSdkKeyForm({ teamSlug, environments, submit }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [environmentKey, setEnvironmentKey] = useState(environments.at(-1)?.key ?? "");
  const [created, setCreated] = useState<Created | null>(null);
  const { fieldErrors: errors, message, pending, run } = useAction(submit);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      { teamSlug, environmentKey, name },
      {
        onSuccess: (data) => {
          setCreated(data);
          setName("");
          router.refresh();
        },
      },
    );
  }

  return (
    <div className="space-y-3">
      {created && (
        <ShownOnce
          title={`Key “${created.name}” created. Copy it now: it won't be shown again.`}
          secret={created.key}
          testId="new-api-key"
        />
      )}
      <form onSubmit={onSubmit} className="card grid gap-4 p-5 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate>
        <Field id="key-name" label="Name" errors={errors.name}>
          <input
            id="key-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="checkout-service production"
          />
        </Field>
        <Field id="key-env" label="Environment" errors={errors.environmentKey}>
          <select
            id="key-env"
            className="input"
            value={environmentKey}
            onChange={(e) => setEnvironmentKey(e.target.value)}
          >
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

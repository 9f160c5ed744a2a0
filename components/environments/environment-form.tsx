"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { CreateEnvironmentInput } from "@/lib/environments/create-environment";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";

type Props = { teamSlug: string; submit: Action<CreateEnvironmentInput, { key: string }> };

export function EnvironmentForm({ teamSlug, submit }: Props) {
  const router = useRouter();
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const { fieldErrors: errors, message, pending, run } = useAction(submit);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      { teamSlug, key, name },
      {
        onSuccess: () => {
          setKey("");
          setName("");
          router.refresh();
        },
      },
    );
  }
  return (
    <form onSubmit={onSubmit} className="card grid gap-4 p-5 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
      <Field id="env-name" label="Name" errors={errors.name}>
        <input
          id="env-name"
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Canary"
        />
      </Field>
      <Field id="env-key" label="Key" errors={errors.key}>
        <input
          id="env-key"
          className="input font-mono"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="canary"
        />
      </Field>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Adding…" : "Add environment"}
      </button>
      {message && (
        <p role="alert" className="field-error sm:col-span-3">
          {message}
        </p>
      )}
    </form>
  );
}

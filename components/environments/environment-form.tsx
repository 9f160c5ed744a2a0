"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { Field } from "@/components/forms/field";

type Props = { teamSlug: string; submit: (input: Record<string, unknown>) => Promise<ActionResult<{ key: string }>> };

export function EnvironmentForm({ teamSlug, submit }: Props) {
  const router = useRouter();
  const [key, setKey] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await submit({ teamSlug, key, name });
      if (result.ok) {
        setKey("");
        setName("");
        setErrors({});
        setMessage(null);
        router.refresh();
      } else {
        setErrors(result.error.fieldErrors ?? {});
        setMessage(result.error.fieldErrors ? null : result.error.message);
      }
    });
  }
  return (
    <form onSubmit={onSubmit} className="card grid gap-4 p-5 sm:grid-cols-[1fr_1fr_auto] sm:items-end" noValidate>
      <Field id="env-name" label="Name" errors={errors.name}>
        <input id="env-name" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="Canary" />
      </Field>
      <Field id="env-key" label="Key" errors={errors.key}>
        <input id="env-key" className="input font-mono" value={key} onChange={(e) => setKey(e.target.value)} placeholder="canary" />
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

"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { CreateReleaseInput } from "@/lib/releases/create-release";
import type { UpdateReleaseInput } from "@/lib/releases/update-release";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import { keyFromName } from "@/components/forms/key-from-name";

type Member = { id: string; name: string };
type Values = { key: string; name: string; description: string; ownerId: string; critical: boolean };

type Details = { name: string; description: string; ownerId: string | null; critical: boolean };

type Props = {
  teamSlug: string;
  environmentKey: string;
  members: Member[];
  initial?: Values;
} & (
  | { releaseKey?: undefined; submit: Action<CreateReleaseInput, { key: string }> }
  /** Present when editing: the key can't change, SDKs depend on it. */
  | { releaseKey: string; submit: Action<UpdateReleaseInput, { key: string }> }
);

export function ReleaseForm(props: Props) {
  const { teamSlug, environmentKey, members, initial, releaseKey } = props;
  const router = useRouter();
  const [values, setValues] = useState<Values>(
    initial ?? { key: "", name: "", description: "", ownerId: "", critical: false },
  );
  const [keyTouched, setKeyTouched] = useState(false);
  // Creating and editing are two actions; the form was given one of them.
  const save = (details: Details) =>
    props.releaseKey === undefined
      ? props.submit({ teamSlug, key: values.key, ...details })
      : props.submit({ teamSlug, releaseKey: props.releaseKey, ...details });
  const { fieldErrors: errors, message, pending, run, clearField } = useAction(save);
  const editing = releaseKey !== undefined;

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    clearField(key);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      {
        name: values.name,
        description: values.description,
        ownerId: values.ownerId || null,
        critical: values.critical,
      },
      {
        onSuccess: (data) => {
          router.push(`/teams/${teamSlug}/releases/${data.key}?env=${environmentKey}`);
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="card max-w-2xl space-y-4 p-5" noValidate>
      {message && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      <Field id="name" label="Name" errors={errors.name}>
        <input
          id="name"
          className="input"
          value={values.name}
          aria-invalid={errors.name?.length ? true : undefined}
          onChange={(e) => {
            const name = e.target.value;
            set("name", name);
            // Suggest a key from the name until someone types one.
            if (!editing && !keyTouched) set("key", keyFromName(name));
          }}
          required
        />
      </Field>
      <Field
        id="key"
        label="Key"
        hint={
          editing
            ? "The key can't change: applications ask for it by name."
            : "What applications ask for. Lowercase letters, digits, '.', '_' and '-'."
        }
        errors={errors.key}
      >
        <input
          id="key"
          className="input font-mono"
          value={values.key}
          disabled={editing}
          aria-invalid={errors.key?.length ? true : undefined}
          onChange={(e) => {
            setKeyTouched(true);
            set("key", e.target.value);
          }}
          placeholder="new-checkout"
          required
        />
      </Field>
      <Field id="description" label="Description" errors={errors.description}>
        <textarea
          id="description"
          className="input min-h-24"
          value={values.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </Field>
      <Field id="ownerId" label="Owner" errors={errors.ownerId}>
        <select id="ownerId" className="input" value={values.ownerId} onChange={(e) => set("ownerId", e.target.value)}>
          <option value="">No owner</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm">
          <input
            id="critical"
            type="checkbox"
            className="mt-1"
            checked={values.critical}
            onChange={(e) => set("critical", e.target.checked)}
          />
          <span>
            Critical release: where an environment&apos;s approval policy says so, every change to it needs a second
            person.
            {editing && initial?.critical && " Only admins can unmark it."}
          </span>
        </label>
        {errors.critical?.map((e) => (
          <p key={e} className="field-error">
            {e}
          </p>
        ))}
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save details" : "Create release"}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.back()}>
          Cancel
        </button>
      </div>
      {!editing && (
        <p className="muted text-xs">
          A new release starts as a draft at 0% in every environment: nobody gets it until you ramp it up.
        </p>
      )}
    </form>
  );
}

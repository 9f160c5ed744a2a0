"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { CreateAdminKeyInput } from "@/lib/api-keys/create-admin-key";
import { ShownOnce } from "@/components/common/shown-once";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";

type Created = { key: string; prefix: string; name: string; role: "viewer" | "editor" };

type Props = {
  teamSlug: string;
  submit: Action<CreateAdminKeyInput, Created>;
};

const ROLE_HELP = {
  viewer: "A viewer key reads releases, cohorts and change requests.",
  editor:
    "An editor key also sets percentages, promotes and rolls back, within the approval policy. Approving stays with people.",
} as const;

export function CreateAdminKeyForm({ teamSlug, submit }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Created["role"]>("viewer");
  const [created, setCreated] = useState<Created | null>(null);
  const { fieldErrors: errors, message, pending, run } = useAction(submit);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      { teamSlug, name, role },
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
          title={`Automation key “${created.name}” (${created.role}) created. Copy it now: it won't be shown again.`}
          secret={created.key}
          testId="new-admin-api-key"
        />
      )}
      <form
        onSubmit={onSubmit}
        className="card grid gap-4 p-5 sm:grid-cols-[1fr_12rem_auto] sm:items-end"
        noValidate
        aria-label="Create automation key"
      >
        <Field id="admin-key-name" label="Automation key name" errors={errors.name}>
          <input
            id="admin-key-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="deploy pipeline"
          />
        </Field>
        <Field id="admin-key-role" label="Role" errors={errors.role}>
          <select
            id="admin-key-role"
            className="input"
            value={role}
            onChange={(e) => setRole(e.target.value as Created["role"])}
          >
            <option value="viewer">Viewer</option>
            <option value="editor">Editor</option>
          </select>
        </Field>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create automation key"}
        </button>
        <p className="muted text-xs sm:col-span-3">{ROLE_HELP[role]}</p>
        {message && (
          <p role="alert" className="field-error sm:col-span-3">
            {message}
          </p>
        )}
      </form>
    </div>
  );
}

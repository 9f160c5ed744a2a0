"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { Role } from "@/lib/domain/roles";
import type { AddMemberInput } from "@/lib/members/add-member";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/members/role-descriptions";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import { RoleSelect } from "./role-select";

type Added = { name: string; email: string; role: Role; createdUser: boolean };

type Props = {
  teamSlug: string;
  teamName: string;
  submit: Action<AddMemberInput, Added>;
};

export function AddMemberForm({ teamSlug, teamName, submit }: Props) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [added, setAdded] = useState<Added | null>(null);
  const { fieldErrors: errors, message, pending, run, clearField } = useAction(submit);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    run(
      { teamSlug, email, name: name.trim() || undefined, role },
      {
        onSuccess: (data) => {
          setAdded(data);
          setEmail("");
          setName("");
          router.refresh();
        },
      },
    );
  }

  return (
    <section className="card p-5" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading" className="font-semibold">
        Add a member
      </h2>
      <p className="muted mt-0.5 text-sm">
        By email. Someone who has never signed in becomes a member of {teamName} on their first sign-in with that
        address.
      </p>
      {added && (
        <p
          role="status"
          className="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          Added <span className="font-medium">{added.name}</span> ({added.email}) as {added.role}.
          {added.createdUser ? " They haven't signed in yet: they'll see the team on their first sign-in." : ""}
        </p>
      )}
      <form
        onSubmit={onSubmit}
        className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_10rem_auto] lg:items-start"
        noValidate
      >
        <Field id="member-email" label="Email" errors={errors.email}>
          <input
            id="member-email"
            type="email"
            autoComplete="off"
            className="input"
            aria-invalid={errors.email?.length ? true : undefined}
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              clearField("email");
            }}
            placeholder="name@example.com"
          />
        </Field>
        <Field id="member-name" label="Name (optional)" hint="Made from the email if left empty" errors={errors.name}>
          <input
            id="member-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Zoe Zhang"
          />
        </Field>
        <div className="sm:col-span-2 lg:col-span-1">
          <Field id="member-role" label="Role" errors={errors.role}>
            <RoleSelect id="member-role" value={role} onChange={setRole} describedBy="member-role-description" />
          </Field>
        </div>
        <div className="lg:pt-6">
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={pending}>
            {pending ? "Adding…" : "Add member"}
          </button>
        </div>
        <p
          id="member-role-description"
          data-testid="role-description"
          className="muted -mt-2 text-xs sm:col-span-2 lg:col-span-4"
        >
          <span className="font-medium">{ROLE_LABELS[role]}:</span> {ROLE_DESCRIPTIONS[role]}
        </p>
        {message && (
          <p role="alert" className="field-error sm:col-span-2 lg:col-span-4">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { CreateCohortInput } from "@/lib/cohorts/create-cohort";
import type { UpdateCohortInput } from "@/lib/cohorts/update-cohort";
import { HeldForApproval } from "@/components/approvals/held-for-approval";
import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import { ConditionRow, valuesOf, type ConditionDraft } from "./condition-row";

type Saved = { key: string; pendingApproval?: ChangeRequestView };

type Props = { teamSlug: string } & (
  | { initial?: undefined; submit: Action<CreateCohortInput, Saved> }
  | {
      initial: { key: string; name: string; description: string; version: number; definition: CohortDefinition };
      submit: Action<UpdateCohortInput, Saved>;
    }
);

/** What the form sends besides the team and the cohort's identity. */
type Fields = Pick<CreateCohortInput, "name" | "description" | "definition">;

function toDrafts(definition?: CohortDefinition): ConditionDraft[] {
  if (!definition || definition.kind !== "rules") return [{ attribute: "", operator: "in", valuesText: "" }];
  return definition.conditions.map((c) => ({
    attribute: c.attribute,
    operator: c.operator,
    valuesText: c.values.join(", "),
  }));
}

export function CohortForm(props: Props) {
  const { teamSlug, initial } = props;
  const router = useRouter();
  const [key, setKey] = useState(initial?.key ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [kind, setKind] = useState<"rules" | "keys">(initial?.definition.kind ?? "rules");
  const [conditions, setConditions] = useState<ConditionDraft[]>(toDrafts(initial?.definition));
  const [keysText, setKeysText] = useState(
    initial?.definition.kind === "keys" ? initial.definition.targetingKeys.join("\n") : "",
  );
  const [touched, setTouched] = useState(false);
  const [comment, setComment] = useState("");
  const [held, setHeld] = useState<ChangeRequestView | null>(null);
  // Creating and editing are two actions; the form was given one of them.
  const save = (fields: Fields) =>
    props.initial === undefined
      ? props.submit({ teamSlug, key, ...fields })
      : props.submit({
          teamSlug,
          cohortKey: props.initial.key,
          expectedVersion: props.initial.version,
          ...fields,
          comment,
        });
  const { fieldErrors: serverErrors, error, pending, run } = useAction(save);
  const message = error && (error.fieldErrors ? "Fix the fields marked below; nothing was saved." : error.message);

  const definition = useMemo(
    () =>
      kind === "rules"
        ? {
            kind,
            conditions: conditions.map((c) => ({
              attribute: c.attribute.trim(),
              operator: c.operator,
              values: valuesOf(c),
            })),
          }
        : {
            kind,
            targetingKeys: keysText
              .split(/[\n,]/)
              .map((k) => k.trim())
              .filter(Boolean),
          },
    [kind, conditions, keysText],
  );
  // The same schema the server enforces, run as you type.
  const liveErrors = useMemo(() => {
    const result = cohortDefinitionSchema.safeParse(definition);
    if (result.success) return {};
    const out: FieldErrors = {};
    for (const issue of result.error.issues)
      (out[["definition", ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
    return out;
  }, [definition]);
  const errors = { ...(touched ? liveErrors : {}), ...serverErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    run(
      { name, description, definition },
      {
        onSuccess: (data) => {
          setHeld(data.pendingApproval ?? null);
          if (data.pendingApproval) return;
          router.push(`/teams/${teamSlug}/cohorts`);
          router.refresh();
        },
        onError: () => setHeld(null),
      },
    );
  }

  const keysErrors = Object.entries(errors)
    .filter(([k]) => k.startsWith("definition.targetingKeys"))
    .flatMap(([, v]) => v);
  return (
    <form onSubmit={onSubmit} className="card max-w-3xl space-y-4 p-5" noValidate onChange={() => setTouched(true)}>
      {held && <HeldForApproval teamSlug={teamSlug} request={held} />}
      {message && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name" errors={errors.name}>
          <input
            id="name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
          />
        </Field>
        <Field
          id="key"
          label="Key"
          hint="Reported with every evaluation, so metrics can be split by cohort."
          errors={errors.key}
        >
          <input
            id="key"
            className="input font-mono"
            value={key}
            disabled={!!initial}
            onChange={(e) => setKey(e.target.value)}
            placeholder="beta-testers"
            aria-invalid={errors.key ? true : undefined}
          />
        </Field>
      </div>
      <Field id="description" label="Description" errors={errors.description}>
        <input
          id="description"
          className="input"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <fieldset>
        <legend className="label">Who is in this cohort</legend>
        <div className="mb-3 flex gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input type="radio" name="kind" checked={kind === "rules"} onChange={() => setKind("rules")} /> Users
            matching all conditions
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name="kind" checked={kind === "keys"} onChange={() => setKind("keys")} /> A list of
            targeting keys
          </label>
        </div>
        {kind === "rules" ? (
          <>
            <ul className="space-y-3">
              {conditions.map((c, i) => (
                <ConditionRow
                  key={i}
                  index={i}
                  draft={c}
                  errors={errors}
                  onChange={(next) => setConditions((all) => all.map((x, j) => (j === i ? next : x)))}
                  onRemove={
                    conditions.length > 1 ? () => setConditions((all) => all.filter((_, j) => j !== i)) : undefined
                  }
                />
              ))}
            </ul>
            <button
              type="button"
              className="btn-secondary mt-3"
              onClick={() => setConditions((all) => [...all, { attribute: "", operator: "in", valuesText: "" }])}
            >
              Add condition
            </button>
            {(errors["definition.conditions"] ?? []).map((e) => (
              <p key={e} className="field-error">
                {e}
              </p>
            ))}
          </>
        ) : (
          <Field
            id="targetingKeys"
            label="Targeting keys"
            hint="One per line (or comma-separated)."
            errors={keysErrors}
          >
            <textarea
              id="targetingKeys"
              className="input min-h-32 font-mono"
              value={keysText}
              onChange={(e) => setKeysText(e.target.value)}
            />
          </Field>
        )}
      </fieldset>
      {initial && (
        <Field
          id="comment"
          label="Comment for approvers"
          hint="Rules decide who gets every release in every environment: where an approval policy would hold the change, it is sent for approval with this comment."
        >
          <textarea
            id="comment"
            className="input min-h-16"
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder="Why this change? What did you check?"
          />
        </Field>
      )}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending || held !== null}>
          {pending ? "Saving…" : initial ? "Save cohort" : "Create cohort"}
        </button>
        <button type="button" className="btn-secondary" onClick={() => router.back()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import type { Action, ActionResult } from "@/lib/http/actions/action-result";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { CreateCohortInput } from "@/lib/cohorts/create-cohort";
import type { UpdateCohortInput } from "@/lib/cohorts/update-cohort";
import type { CohortChangePreview, PreviewCohortChangeInput } from "@/lib/cohorts/preview-cohort-change";
import { HeldForApproval } from "@/components/approvals/held-for-approval";
import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import { CohortChangePreviewPanel } from "./cohort-change-preview";
import { CohortRuleWarnings, type PlacedCohort } from "./cohort-rule-warnings";
import { ConditionRow, valuesOf, type ConditionDraft } from "./condition-row";

type Saved = { key: string; pendingApproval?: ChangeRequestView };

type Props = {
  teamSlug: string;
  /** Why this person can't change cohorts (a viewer): the form is shown read-only with it. */
  readOnlyReason?: string;
  /** The team's other cohorts around this one, for the never-matches and overlap warnings. */
  above: PlacedCohort[];
  below: PlacedCohort[];
} & (
  | { initial?: undefined; submit: Action<CreateCohortInput, Saved> }
  | {
      initial: { key: string; name: string; description: string; version: number; definition: CohortDefinition };
      submit: Action<UpdateCohortInput, Saved>;
      preview: Action<PreviewCohortChangeInput, CohortChangePreview>;
    }
);

/** What the form sends besides the team and the cohort's identity. */
type Fields = Pick<CreateCohortInput, "name" | "description" | "definition">;

async function nothingToPreview(): Promise<ActionResult<CohortChangePreview>> {
  return { ok: false, error: { code: "validation", message: "A new cohort changes who gets nothing" } };
}

function toDrafts(definition?: CohortDefinition): ConditionDraft[] {
  if (!definition || definition.kind !== "rules") return [{ attribute: "", operator: "in", valuesText: "" }];
  return definition.conditions.map((c) => ({
    attribute: c.attribute,
    operator: c.operator,
    valuesText: c.values.join(", "),
  }));
}

export function CohortForm(props: Props) {
  const { teamSlug, initial, readOnlyReason } = props;
  const readOnly = readOnlyReason !== undefined;
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
  const previewAction = useAction(props.initial === undefined ? nothingToPreview : props.preview);
  const [preview, setPreview] = useState<{ of: string; data: CohortChangePreview } | null>(null);
  const failure = error ?? previewAction.error;
  const message =
    failure && (failure.fieldErrors ? "Fix the fields marked below; nothing was saved." : failure.message);

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
  const checked = useMemo(() => cohortDefinitionSchema.safeParse(definition), [definition]);
  const liveErrors = useMemo(() => {
    const result = checked;
    if (result.success) return {};
    const out: FieldErrors = {};
    for (const issue of result.error.issues)
      (out[["definition", ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
    return out;
  }, [checked]);
  const errors = { ...(touched ? liveErrors : {}), ...serverErrors };
  // An edit is saved only after its preview, for the rules as they are now.
  const definitionText = JSON.stringify(definition);
  const shown = preview?.of === definitionText ? preview.data : null;
  const needsPreview = initial !== undefined && shown === null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (readOnly) return;
    if (props.initial !== undefined && needsPreview) {
      if (!checked.success) return;
      const of = definitionText;
      previewAction.run(
        {
          teamSlug,
          cohortKey: props.initial.key,
          change: { kind: "edit", expectedVersion: props.initial.version, definition: checked.data },
        },
        { onSuccess: (data) => setPreview({ of, data }) },
      );
      return;
    }
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
      {readOnly && (
        <p
          role="note"
          className="rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          <span className="font-medium">Read only.</span> {readOnlyReason}
        </p>
      )}
      {held && <HeldForApproval teamSlug={teamSlug} request={held} />}
      {message && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      <fieldset disabled={readOnly} className="min-w-0 space-y-4">
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
        {initial && !readOnly && (
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
      </fieldset>
      {checked.success && (
        <CohortRuleWarnings
          self={{ key: initial?.key ?? `\u0000${key}`, name: name || "This cohort", definition: checked.data }}
          initialDefinition={initial?.definition ?? null}
          above={props.above}
          below={props.below}
        />
      )}
      {shown && <CohortChangePreviewPanel preview={shown} label="What saving changes" />}
      {readOnly ? (
        <div className="flex gap-2">
          <button type="button" className="btn-secondary" onClick={() => router.back()}>
            Back
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn-primary" disabled={pending || previewAction.pending || held !== null}>
            {pending
              ? "Saving…"
              : previewAction.pending
                ? "Checking…"
                : !initial
                  ? "Create cohort"
                  : needsPreview
                    ? "Review change"
                    : shown?.heldBecause.length
                      ? "Send for approval"
                      : "Save cohort"}
          </button>
          <button type="button" className="btn-secondary" onClick={() => router.back()}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

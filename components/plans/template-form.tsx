"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/forms/field";
import { keyFromName } from "@/components/forms/key-from-name";
import { useAction } from "@/components/forms/use-action";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import type { Action, ActionResult } from "@/lib/http/actions/action-result";
import type { CreateTemplateInput, UpdateTemplateInput } from "@/lib/plans/plan-inputs";
import { ErrorSummary } from "./error-summary";
import { guardrailFor, type EditorMetric } from "./guardrail-rows";
import { PlanDefinitionEditor } from "./plan-definition-editor";
import { emptyDraft, toDraft, type DraftDefinition } from "./plan-draft";
import { PlanPreview } from "./plan-preview";
import { usePlanDraft } from "./use-plan-draft";
import type { CohortName } from "./plan-words";

type Saved = { key: string; version: number };

type Props = {
  teamSlug: string;
  cohorts: CohortName[];
  metrics: EditorMetric[];
  listHref: string;
} & (
  | { template?: undefined; submit: Action<CreateTemplateInput, Saved> }
  /** Editing: the key can't change (plans name the template they came from by name, not key). */
  | {
      template: { key: string; name: string; description: string; definition: PlanDefinition; version: number };
      submit: Action<UpdateTemplateInput, Saved>;
    }
);

/** A team's plan template: a name, and the same steps and guardrails a plan has, without a release. */
export function TemplateForm(props: Props) {
  const router = useRouter();
  const editing = props.template !== undefined;
  const [name, setName] = useState(props.template?.name ?? "");
  const [key, setKey] = useState(props.template?.key ?? "");
  const [keyTouched, setKeyTouched] = useState(editing);
  const [description, setDescription] = useState(props.template?.description ?? "");

  function send(definition: DraftDefinition): Promise<ActionResult<Saved>> {
    const input = { teamSlug: props.teamSlug, key, name, description, definition };
    return props.template === undefined
      ? props.submit(input)
      : props.submit({ ...input, expectedVersion: props.template.version });
  }
  const saving = useAction(send, {
    unreachable: "Could not reach Glidepath; nothing was saved. Check your connection and try again.",
  });
  const { draft, setDraft, definition, localErrors, validate } = usePlanDraft(() => {
    if (props.template) return toDraft(props.template.definition);
    const first = props.metrics.find((m) => m.refusal === null && m.kind === "error_rate");
    return first ? { ...emptyDraft(), guardrails: [guardrailFor(first)] } : emptyDraft();
  }, saving.clearField);
  const errors = { ...saving.fieldErrors, ...localErrors };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const checked = validate();
    if (!checked) return;
    saving.run(checked, {
      onSuccess: () => {
        router.push(props.listHref);
        router.refresh();
      },
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="card grid gap-4 p-5 md:grid-cols-2">
        <Field id="name" label="Name" errors={errors.name}>
          <input
            id="name"
            className="input"
            value={name}
            aria-invalid={errors.name?.length ? true : undefined}
            onChange={(e) => {
              setName(e.target.value);
              saving.clearField("name");
              if (!keyTouched) setKey(keyFromName(e.target.value));
            }}
            required
          />
        </Field>
        <Field
          id="key"
          label="Key"
          hint={editing ? "The key can't change." : "Lowercase letters, digits, '.', '_' and '-'."}
          errors={errors.key}
        >
          <input
            id="key"
            className="input font-mono"
            value={key}
            disabled={editing}
            aria-invalid={errors.key?.length ? true : undefined}
            onChange={(e) => {
              setKeyTouched(true);
              setKey(e.target.value);
              saving.clearField("key");
            }}
            required
          />
        </Field>
        <div className="md:col-span-2">
          <Field id="description" label="Description" hint="When to use it, in a sentence." errors={errors.description}>
            <textarea
              id="description"
              className="input min-h-16"
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                saving.clearField("description");
              }}
            />
          </Field>
        </div>
      </div>
      <div className="card p-5">
        <PlanDefinitionEditor
          draft={draft}
          definition={definition}
          onChange={setDraft}
          cohorts={props.cohorts}
          metrics={props.metrics}
          errors={errors}
          start={null}
        />
      </div>
      <section aria-labelledby="preview-heading" className="card space-y-3 p-5">
        <h2 id="preview-heading" className="font-semibold">
          The template in words
        </h2>
        <PlanPreview definition={definition} cohorts={props.cohorts} from={0} start={null} usersByCohort={null} />
        <p className="muted text-xs">
          A plan made from it keeps its own copy: changing the template later changes no plan.
        </p>
      </section>
      <ErrorSummary errors={errors} message={saving.message} shownElsewhere={["name", "key", "description"]} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={saving.pending}>
          {saving.pending ? "Saving…" : editing ? "Save the template" : "Make the template"}
        </button>
        <Link href={props.listHref} className="btn-secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}

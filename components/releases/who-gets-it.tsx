"use client";

import { useState, type FormEvent } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { parseAttributeLines } from "@/lib/domain/attribute-lines";
import { describeMatches, describeOutcome, REASON_WORDS } from "@/lib/domain/evaluation-words";
import { formatBasisPoints } from "@/lib/domain/percent";
import type { ExplainEvaluationInput, Explanation } from "@/lib/evaluation/explain-evaluation";

type Props = {
  teamSlug: string;
  releaseKey: string;
  environment: { key: string; name: string };
  explain: Action<ExplainEvaluationInput, Explanation>;
};

/** An answer and exactly what it was asked for, so editing the form never relabels it. */
type Answer = { targetingKey: string; attributes: string; explanation: Explanation };

const EMPTY_KEY = "Enter a targeting key: the user ID your application sends when it evaluates.";

/** Type a user, see what the evaluation API would answer them in this environment, and why. */
export function WhoGetsIt({ teamSlug, releaseKey, environment, explain }: Props) {
  const [targetingKey, setTargetingKey] = useState("user-42");
  const [attributes, setAttributes] = useState("country=DE\nplatform=ios");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [attributesError, setAttributesError] = useState<string | null>(null);
  const { message, fieldErrors, pending, run, reset } = useAction(explain);
  const serverKeyError = fieldErrors.targetingKey?.[0] ?? null;
  const serverAttributesError =
    Object.entries(fieldErrors).find(
      ([field, messages]) => field.startsWith("attributes") && messages.length,
    )?.[1][0] ?? null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    reset();
    const key = targetingKey.trim();
    const parsed = parseAttributeLines(attributes);
    setKeyError(key === "" ? EMPTY_KEY : null);
    setAttributesError(parsed.ok ? null : parsed.message);
    if (key === "" || !parsed.ok) {
      setAnswer(null);
      return;
    }
    const asked = { targetingKey: key, attributes };
    run(
      { teamSlug, releaseKey, environmentKey: environment.key, targetingKey: key, attributes: parsed.attributes },
      {
        onSuccess: (explanation) => setAnswer({ ...asked, explanation }),
        onError: () => setAnswer(null),
      },
    );
  }

  const stale = answer !== null && (answer.targetingKey !== targetingKey.trim() || answer.attributes !== attributes);
  const shownKeyError = keyError ?? serverKeyError;
  const shownAttributesError = attributesError ?? serverAttributesError;

  return (
    <section className="card" aria-labelledby="who-heading">
      <h2 id="who-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
        Who gets it?
      </h2>
      <form onSubmit={onSubmit} noValidate className="grid gap-3 px-5 py-4 sm:grid-cols-[1fr_1fr]">
        <div>
          <label htmlFor="who-key" className="label">
            Targeting key
          </label>
          <input
            id="who-key"
            className="input font-mono"
            value={targetingKey}
            aria-invalid={shownKeyError ? true : undefined}
            aria-describedby={shownKeyError ? "who-key-error" : undefined}
            onChange={(e) => {
              setTargetingKey(e.target.value);
              setKeyError(null);
            }}
          />
          {shownKeyError && (
            <p id="who-key-error" role="alert" className="field-error">
              {shownKeyError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="who-attributes" className="label">
            Attributes <span className="muted font-normal">(name=value, one per line)</span>
          </label>
          <textarea
            id="who-attributes"
            className="input min-h-16 font-mono"
            value={attributes}
            aria-invalid={shownAttributesError ? true : undefined}
            aria-describedby={shownAttributesError ? "who-attributes-error" : undefined}
            onChange={(e) => {
              setAttributes(e.target.value);
              setAttributesError(null);
            }}
          />
          {shownAttributesError && (
            <p id="who-attributes-error" role="alert" className="field-error">
              {shownAttributesError}
            </p>
          )}
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn-secondary" disabled={pending}>
            {pending ? "Evaluating…" : `Evaluate in ${environment.name}`}
          </button>
        </div>
      </form>
      {message && (
        <p
          role="alert"
          className="mx-5 mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      {answer && <AnswerView answer={answer} stale={stale} />}
    </section>
  );
}

function AnswerView({ answer, stale }: { answer: Answer; stale: boolean }) {
  const { explanation: result } = answer;
  const matches = describeMatches(result.matchedCohorts);
  return (
    <div
      data-testid="evaluation-result"
      className="mx-5 mb-5 space-y-2 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800"
    >
      {stale && (
        <p role="status" className="text-xs text-amber-800 dark:text-amber-200">
          The form has changed since this answer, which is still for{" "}
          <span className="font-mono">{answer.targetingKey}</span>: evaluate again to update it.
        </p>
      )}
      <p className="text-base">
        <span className="break-all font-mono">{answer.targetingKey}</span> gets{" "}
        <span
          className={
            result.value
              ? "font-semibold text-emerald-700 dark:text-emerald-300"
              : "font-semibold text-zinc-700 dark:text-zinc-300"
          }
        >
          {result.variant}
        </span>{" "}
        ({result.value ? "the new code" : "the current code"})
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="muted">Cohort</dt>
        <dd>{result.cohortName}</dd>
        <dt className="muted">Percentage</dt>
        <dd className="tabular-nums">{formatBasisPoints(result.basisPoints)}</dd>
        <dt className="muted">Bucket</dt>
        <dd className="tabular-nums">{result.bucket === null ? "not used" : `${result.bucket} of 10000`}</dd>
        <dt className="muted">Reason</dt>
        <dd>
          {REASON_WORDS[result.reason]} <span className="muted font-mono text-xs">({result.reason})</span>
        </dd>
      </dl>
      <p>{describeOutcome(result, result.cohortName)}</p>
      {matches && (
        <p data-testid="cohort-matches" className="text-xs text-amber-800 dark:text-amber-200">
          {matches}
        </p>
      )}
    </div>
  );
}

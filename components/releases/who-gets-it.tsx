"use client";

import { useState, type FormEvent } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { formatBasisPoints } from "@/lib/domain/percent";
import type { ExplainEvaluationInput, Explanation } from "@/lib/evaluation/explain-evaluation";

type Props = {
  teamSlug: string;
  releaseKey: string;
  environment: { key: string; name: string };
  explain: Action<ExplainEvaluationInput, Explanation>;
};

const REASONS: Record<string, string> = {
  SPLIT: "their bucket was compared with the percentage",
  TARGETING_MATCH: "their cohort is at 0% or 100%",
  STATIC: "the release decides for everyone (promoted, or everyone else at 0%/100%)",
  DISABLED: "the release is a draft or rolled back",
};

function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\n|,(?=\s*[A-Za-z_][\w.-]*\s*=)/)) {
    const match = line.match(/^\s*([^=\s]+)\s*=\s*(.*?)\s*$/);
    if (match) out[match[1]!] = match[2]!;
  }
  return out;
}

/** Type a user, see what the evaluation API would answer them in this environment, and why. */
export function WhoGetsIt({ teamSlug, releaseKey, environment, explain }: Props) {
  const [targetingKey, setTargetingKey] = useState("user-42");
  const [attributes, setAttributes] = useState("country=DE\nplatform=ios");
  const [result, setResult] = useState<Explanation | null>(null);
  const { error, pending, run } = useAction(explain);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      { teamSlug, releaseKey, environmentKey: environment.key, targetingKey, attributes: parseAttributes(attributes) },
      { onSuccess: setResult, onError: () => setResult(null) },
    );
  }

  return (
    <section className="card" aria-labelledby="who-heading">
      <h2 id="who-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
        Who gets it?
      </h2>
      <form onSubmit={onSubmit} className="grid gap-3 px-5 py-4 sm:grid-cols-[1fr_1fr]">
        <div>
          <label htmlFor="who-key" className="label">
            Targeting key
          </label>
          <input
            id="who-key"
            className="input font-mono"
            value={targetingKey}
            onChange={(e) => setTargetingKey(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="who-attributes" className="label">
            Attributes <span className="muted font-normal">(name=value, one per line)</span>
          </label>
          <textarea
            id="who-attributes"
            className="input min-h-16 font-mono"
            value={attributes}
            onChange={(e) => setAttributes(e.target.value)}
          />
        </div>
        <div className="sm:col-span-2">
          <button type="submit" className="btn-secondary" disabled={pending}>
            {pending ? "Evaluating…" : `Evaluate in ${environment.name}`}
          </button>
        </div>
      </form>
      {error && (
        <p
          role="alert"
          className="mx-5 mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {error.message}
        </p>
      )}
      {result && (
        <div
          data-testid="evaluation-result"
          className="mx-5 mb-5 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800"
        >
          <p className="text-base">
            <span className="font-mono">{targetingKey}</span> gets{" "}
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
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
            <dt className="muted">Cohort</dt>
            <dd>{result.cohortName}</dd>
            <dt className="muted">Percentage</dt>
            <dd className="tabular-nums">{formatBasisPoints(result.basisPoints)}</dd>
            <dt className="muted">Bucket</dt>
            <dd className="tabular-nums">{result.bucket === null ? "—" : `${result.bucket} of 10000`}</dd>
            <dt className="muted">Reason</dt>
            <dd className="font-mono">{result.reason}</dd>
          </dl>
          <p className="muted mt-2 text-xs">
            {REASONS[result.reason]}
            {result.bucket !== null && ` — exposed when bucket < ${result.basisPoints}`}.
          </p>
        </div>
      )}
    </section>
  );
}

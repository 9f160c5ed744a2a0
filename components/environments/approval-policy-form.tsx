"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { Action } from "@/lib/http/actions/action-result";
import type { SetApprovalPolicyInput } from "@/lib/approvals/set-approval-policy";
import { describeRules, formatMinutes, type ApprovalRules } from "@/lib/domain/approval-policy";
import { parsePercentInput } from "@/lib/domain/percent";
import { useAction } from "@/components/forms/use-action";

export type PolicyValues = ApprovalRules & { expiryMinutes: number };

type Props = {
  teamSlug: string;
  environment: { key: string; name: string };
  /** null: the environment has no policy yet (version 0). */
  policy: (PolicyValues & { version: number; updatedByName: string | null }) | null;
  /** A conflict carries the policy as it is now (null: none). */
  save: Action<SetApprovalPolicyInput, unknown, PolicyValues | null>;
};

const EXPIRY_CHOICES = [60, 4 * 60, 12 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60];
const NONE: PolicyValues = {
  cohortThresholdBasisPoints: null,
  defaultAboveZero: false,
  promote: false,
  criticalReleases: false,
  regressingCohorts: false,
  expiryMinutes: 24 * 60,
};

/** The policy in words, expiry included; the same sentence non-admins read. */
function describePolicy(values: PolicyValues | null): string {
  return values
    ? `${describeRules(values)}; requests expire after ${formatMinutes(values.expiryMinutes)}`
    : describeRules(null);
}

const sameRules = (a: PolicyValues, b: PolicyValues) =>
  a.cohortThresholdBasisPoints === b.cohortThresholdBasisPoints &&
  a.defaultAboveZero === b.defaultAboveZero &&
  a.promote === b.promote &&
  a.criticalReleases === b.criticalReleases &&
  a.regressingCohorts === b.regressingCohorts &&
  a.expiryMinutes === b.expiryMinutes;

/** Admins edit one environment's policy; the form says old → new before saving. */
export function ApprovalPolicyForm({ teamSlug, environment, policy, save }: Props) {
  const router = useRouter();
  const id = useId();
  const saved: PolicyValues = policy ?? NONE;
  const [values, setValues] = useState<PolicyValues>(saved);
  const [thresholdText, setThresholdText] = useState(
    saved.cohortThresholdBasisPoints === null ? "50" : String(saved.cohortThresholdBasisPoints / 100),
  );
  const [thresholdError, setThresholdError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const { fieldErrors: errors, message, pending, run } = useAction(save);

  const dirty = !sameRules(values, saved);
  const set = (patch: Partial<PolicyValues>) => {
    setNotice(null);
    setValues((v) => ({ ...v, ...patch }));
  };
  function setThreshold(text: string) {
    setThresholdText(text);
    const parsed = parsePercentInput(text);
    setThresholdError(parsed.ok ? null : parsed.error);
    if (parsed.ok) set({ cohortThresholdBasisPoints: parsed.basisPoints });
  }
  function discard() {
    setValues(saved);
    setThresholdText(saved.cohortThresholdBasisPoints === null ? "50" : String(saved.cohortThresholdBasisPoints / 100));
    setThresholdError(null);
    setConflict(null);
  }

  return (
    <form
      aria-label={`Approval policy for ${environment.name}`}
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setConflict(null);
        run(
          { teamSlug, environmentKey: environment.key, expectedVersion: policy?.version ?? 0, ...values },
          {
            onSuccess: () => {
              setNotice("Saved.");
              router.refresh();
            },
            onError: (error) => {
              if (error.code !== "conflict") return;
              // Someone saved first: show what the policy is now, keep these edits, and let the
              // refresh move "old" (and the version) to theirs so saving again is a deliberate choice.
              setConflict(describePolicy(error.current ?? null));
              router.refresh();
            },
          },
        );
      }}
    >
      <p className="text-sm" aria-label="Current policy">
        {describePolicy(policy)}.
      </p>
      <fieldset className="grid gap-2 text-sm">
        <legend className="muted mb-1 text-xs font-medium uppercase tracking-wide">Needs approval</legend>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={`${id}-threshold-on`}
            type="checkbox"
            checked={values.cohortThresholdBasisPoints !== null}
            onChange={(e) =>
              e.target.checked ? setThreshold(thresholdText) : set({ cohortThresholdBasisPoints: null })
            }
          />
          <label htmlFor={`${id}-threshold-on`}>Raising a cohort (or everyone else) above</label>
          <span className="inline-flex items-center gap-1">
            <input
              aria-label="Threshold percentage"
              inputMode="decimal"
              className="input w-20 py-1 text-right tabular-nums"
              value={thresholdText}
              disabled={values.cohortThresholdBasisPoints === null}
              onChange={(e) => setThreshold(e.target.value)}
              aria-invalid={thresholdError ? true : undefined}
              aria-describedby={thresholdError ? `${id}-threshold-error` : undefined}
            />
            %
          </span>
        </div>
        {thresholdError && (
          <p id={`${id}-threshold-error`} className="field-error">
            {thresholdError}
          </p>
        )}
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={values.defaultAboveZero}
            onChange={(e) => set({ defaultAboveZero: e.target.checked })}
          />
          Raising everyone else above 0%
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={values.promote} onChange={(e) => set({ promote: e.target.checked })} />
          Promoting to everyone
        </label>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1"
            checked={values.regressingCohorts}
            onChange={(e) => set({ regressingCohorts: e.target.checked })}
          />
          <span>
            Raising a cohort that is regressing
            <span className="muted block text-xs">
              Judged when the change is made: the release&apos;s guardrails where a plan runs, otherwise treatment
              against control over the last 24 h. Roll back never waits.
            </span>
          </span>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={values.criticalReleases}
            onChange={(e) => set({ criticalReleases: e.target.checked })}
          />
          Any change to a release marked critical
        </label>
        <label className="mt-1 flex flex-wrap items-center gap-2">
          Requests expire after
          <select
            className="input w-auto py-1"
            value={values.expiryMinutes}
            onChange={(e) => set({ expiryMinutes: Number(e.target.value) })}
          >
            {[...new Set([...EXPIRY_CHOICES, saved.expiryMinutes, values.expiryMinutes])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {formatMinutes(m)}
                </option>
              ))}
          </select>
        </label>
        {Object.entries(errors).flatMap(([field, list]) =>
          list.map((e) => (
            <p key={field + e} className="field-error">
              {e}
            </p>
          )),
        )}
      </fieldset>
      {dirty && (
        <div
          className="space-y-0.5 rounded-lg border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-950/40"
          role="group"
          aria-label="Policy change"
        >
          <p className="muted text-xs font-medium uppercase tracking-wide">Saving changes it, old → new</p>
          <p className="muted">{describePolicy(policy)}</p>
          <p>
            → <span className="font-medium">{describePolicy(values)}</span>
          </p>
        </div>
      )}
      {conflict && (
        <div
          role="alert"
          className="space-y-1 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p>{message}</p>
          <p>
            It now reads: <span className="font-medium">{conflict}</span>. Your edits are kept; check the change above
            and save again to replace it, or discard them.
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={!dirty || pending || thresholdError !== null}>
          {pending ? "Saving…" : "Save policy"}
        </button>
        {(dirty || conflict) && (
          <button type="button" className="btn-secondary" onClick={discard}>
            Discard
          </button>
        )}
        {notice && !dirty && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            {notice}
          </span>
        )}
        {message && !conflict && (
          <span role="alert" className="field-error">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}

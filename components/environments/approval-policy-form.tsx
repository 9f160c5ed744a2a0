"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { describeRules, formatMinutes, type ApprovalRules } from "@/lib/domain/approval-policy";
import { parsePercentInput } from "@/lib/domain/percent";
import { useActionForm } from "@/components/forms/use-action-form";

export type PolicyValues = ApprovalRules & { expiryMinutes: number };

type Props = {
  teamSlug: string;
  environment: { key: string; name: string };
  /** null: the environment has no policy yet (version 0). */
  policy: (PolicyValues & { version: number; updatedByName: string | null }) | null;
  save: (input: Record<string, unknown>) => Promise<ActionResult<unknown>>;
};

const EXPIRY_CHOICES = [60, 4 * 60, 12 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60];
const NONE: PolicyValues = { cohortThresholdBasisPoints: null, defaultAboveZero: false, promote: false, criticalReleases: false, expiryMinutes: 24 * 60 };

function describe(values: PolicyValues | null): string {
  return values ? `${describeRules(values)}; requests expire after ${formatMinutes(values.expiryMinutes)}` : describeRules(null);
}

/** Admins edit one environment's policy; the form says old → new before saving. */
export function ApprovalPolicyForm({ teamSlug, environment, policy, save }: Props) {
  const router = useRouter();
  const id = useId();
  const saved: PolicyValues = policy ?? NONE;
  const [values, setValues] = useState<PolicyValues>(saved);
  const [thresholdText, setThresholdText] = useState(saved.cohortThresholdBasisPoints === null ? "50" : String(saved.cohortThresholdBasisPoints / 100));
  const [thresholdError, setThresholdError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { errors, message, pending, run } = useActionForm<unknown>();

  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
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

  return (
    <form
      aria-label={`Approval policy for ${environment.name}`}
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(
          () => save({ teamSlug, environmentKey: environment.key, expectedVersion: policy?.version ?? 0, ...values }),
          () => {
            setNotice("Saved.");
            router.refresh();
          },
        );
      }}
    >
      <div className="grid gap-2 text-sm">
        <label className="flex flex-wrap items-center gap-2">
          <input
            type="checkbox"
            checked={values.cohortThresholdBasisPoints !== null}
            onChange={(e) => (e.target.checked ? setThreshold(thresholdText) : set({ cohortThresholdBasisPoints: null }))}
          />
          Raising a cohort (or everyone else) above
          <input
            id={`${id}-threshold`}
            aria-label="Threshold percentage"
            className="input w-20 py-1 text-right tabular-nums"
            value={thresholdText}
            disabled={values.cohortThresholdBasisPoints === null}
            onChange={(e) => setThreshold(e.target.value)}
            aria-invalid={thresholdError ? true : undefined}
          />
          %
        </label>
        {thresholdError && <p className="field-error">{thresholdError}</p>}
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={values.defaultAboveZero} onChange={(e) => set({ defaultAboveZero: e.target.checked })} />
          Raising everyone else above 0%
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={values.promote} onChange={(e) => set({ promote: e.target.checked })} />
          Promoting to everyone
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={values.criticalReleases} onChange={(e) => set({ criticalReleases: e.target.checked })} />
          Any change to a release marked critical
        </label>
        <label className="flex flex-wrap items-center gap-2">
          Requests expire after
          <select className="input w-auto py-1" value={values.expiryMinutes} onChange={(e) => set({ expiryMinutes: Number(e.target.value) })}>
            {[...new Set([...EXPIRY_CHOICES, saved.expiryMinutes])].sort((a, b) => a - b).map((m) => (
              <option key={m} value={m}>
                {formatMinutes(m)}
              </option>
            ))}
          </select>
        </label>
        {Object.entries(errors).flatMap(([field, list]) => list.map((e) => <p key={field + e} className="field-error">{e}</p>))}
      </div>
      {dirty && (
        <div className="rounded-lg bg-zinc-50 px-3 py-2 text-sm dark:bg-zinc-950/40" aria-label="Policy change">
          <p className="muted">{describe(policy ? saved : null)}</p>
          <p>
            → <span className="font-medium">{describe(values)}</span>
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={!dirty || pending || thresholdError !== null}>
          {pending ? "Saving…" : "Save policy"}
        </button>
        {dirty && (
          <button type="button" className="btn-secondary" onClick={() => setValues(saved)}>
            Discard
          </button>
        )}
        {notice && !dirty && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            {notice}
          </span>
        )}
        {message && (
          <span role="alert" className="field-error">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}

"use client";

import clsx from "clsx";
import { EVERYONE_ELSE } from "@/lib/domain/plans/plan-types";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { InlineErrors, invalidProps } from "./field-errors";
import { emptyStep, type StepDraft } from "./plan-draft";
import type { CohortName } from "./plan-words";

type Props = {
  steps: StepDraft[];
  onChange: (steps: StepDraft[], editedPath?: string) => void;
  cohorts: readonly CohortName[];
  errors: FieldErrors;
  prefix: string;
  /** Steps before this index were taken already: shown, not editable. */
  locked: number;
  /** The percentage a cell keeps when left empty ("20"), for its placeholder. */
  inherited: (index: number, key: string) => string;
};

const CELL = "px-1.5 py-2 align-top";

/**
 * Steps as rows, cohorts (and everyone else) as columns: a percentage per cell, empty for
 * "as the step before", then the step's bake time and gates. Wide, so it scrolls sideways on
 * a phone with the step names kept in view.
 */
export function StepTable({ steps, onChange, cohorts, errors, prefix, locked, inherited }: Props) {
  const columns = [...cohorts, { key: EVERYONE_ELSE, name: "Everyone else" }];

  function update(index: number, change: Partial<StepDraft>, field: string) {
    onChange(
      steps.map((s, i) => (i === index ? { ...s, ...change } : s)),
      `${prefix}.steps.${index}.${field}`,
    );
  }

  function setTarget(index: number, key: string, text: string) {
    const step = steps[index]!;
    update(index, { targets: { ...step.targets, [key]: text } }, `targets.${key}`);
  }

  function add() {
    const last = steps.at(-1);
    const bake = last && !last.promote && /^\d+$/.test(last.bakeMinutes.trim()) ? last.bakeMinutes.trim() : "30";
    const fresh = { ...emptyStep(), bakeMinutes: bake };
    // A promoting last step stays last: the new step goes before it.
    if (last?.promote && steps.length > locked) onChange([...steps.slice(0, -1), fresh, last]);
    else onChange([...steps, fresh]);
  }

  function remove(index: number) {
    const next = steps.filter((_, i) => i !== index);
    onChange(next.length ? next : [emptyStep()]);
  }

  return (
    <div className="space-y-2">
      <div tabIndex={0} role="region" aria-label="Steps" className="relative -mx-5 overflow-x-auto px-5">
        <table className="w-full min-w-max border-separate border-spacing-0 text-sm">
          <caption className="sr-only">
            Plan steps: target percentage per cohort (empty keeps the step before&apos;s), bake time and gates
          </caption>
          <thead>
            <tr className="text-left text-xs font-medium text-zinc-600 dark:text-zinc-400">
              <th scope="col" className="sticky left-0 z-10 bg-white px-2 py-2 dark:bg-zinc-900">
                Step
              </th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="max-w-24 px-2 py-2 leading-tight">
                  {c.name}
                </th>
              ))}
              <th scope="col" className="px-2 py-2">
                Bake
              </th>
              <th scope="col" className="px-2 py-2">
                Gates
              </th>
              <th scope="col" className="px-2 py-2">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step, index) => {
              const taken = index < locked;
              const last = index === steps.length - 1;
              const at = `${prefix}.steps.${index}`;
              return (
                <tr
                  key={index}
                  className={clsx(
                    "border-t border-zinc-100 dark:border-zinc-800",
                    taken && "bg-zinc-50 dark:bg-zinc-950/40",
                  )}
                >
                  <th
                    scope="row"
                    className={clsx(
                      CELL,
                      "sticky left-0 z-10 border-t border-zinc-100 text-left font-medium whitespace-nowrap dark:border-zinc-800",
                      taken ? "bg-zinc-50 dark:bg-zinc-950" : "bg-white dark:bg-zinc-900",
                    )}
                  >
                    {index + 1}
                    {taken && <span className="muted block text-xs font-normal">taken</span>}
                    <InlineErrors errors={errors} path={at} />
                  </th>
                  {columns.map((c) => {
                    const path = `${at}.targets.${c.key}`;
                    return (
                      <td key={c.key} className={clsx(CELL, "border-t border-zinc-100 dark:border-zinc-800")}>
                        <div className="relative w-[4.5rem]">
                          <input
                            className="input pr-6 text-right tabular-nums"
                            inputMode="decimal"
                            aria-label={`Step ${index + 1}: ${c.name}, percent`}
                            placeholder={inherited(index, c.key)}
                            value={step.targets[c.key] ?? ""}
                            disabled={taken}
                            onChange={(e) => setTarget(index, c.key, e.target.value)}
                            {...invalidProps(errors, path)}
                          />
                          <span aria-hidden className="muted pointer-events-none absolute top-1.5 right-2 text-sm">
                            %
                          </span>
                        </div>
                        <InlineErrors errors={errors} path={path} />
                      </td>
                    );
                  })}
                  <td className={clsx(CELL, "border-t border-zinc-100 dark:border-zinc-800")}>
                    <div className="relative w-24">
                      <input
                        className="input pr-10 text-right tabular-nums"
                        inputMode="numeric"
                        aria-label={`Step ${index + 1}: bake time, minutes`}
                        value={step.promote ? "" : step.bakeMinutes}
                        placeholder={step.promote ? "—" : "0"}
                        disabled={taken || step.promote}
                        onChange={(e) => update(index, { bakeMinutes: e.target.value }, "bakeMinutes")}
                        {...invalidProps(errors, `${at}.bakeMinutes`)}
                      />
                      <span aria-hidden className="muted pointer-events-none absolute top-1.5 right-2 text-sm">
                        min
                      </span>
                    </div>
                    <InlineErrors errors={errors} path={`${at}.bakeMinutes`} />
                  </td>
                  <td className={clsx(CELL, "space-y-1.5 border-t border-zinc-100 dark:border-zinc-800")}>
                    {index > 0 && (
                      <label className="flex items-center gap-2 text-xs whitespace-nowrap">
                        <input
                          type="checkbox"
                          checked={step.waitForPerson}
                          disabled={taken}
                          onChange={(e) => update(index, { waitForPerson: e.target.checked }, "waitForPerson")}
                        />
                        A person starts it
                      </label>
                    )}
                    <label className="block text-xs">
                      <span className="muted block">Not before</span>
                      <input
                        type="datetime-local"
                        className="input mt-0.5 w-44 px-2 py-1 text-xs"
                        value={step.notBefore}
                        disabled={taken}
                        onChange={(e) => update(index, { notBefore: e.target.value }, "notBefore")}
                        {...invalidProps(errors, `${at}.notBefore`)}
                      />
                    </label>
                    <InlineErrors errors={errors} path={`${at}.notBefore`} />
                    {(last || step.promote) && (
                      <label className="flex items-center gap-2 text-xs font-medium whitespace-nowrap">
                        <input
                          type="checkbox"
                          checked={step.promote}
                          disabled={taken}
                          onChange={(e) => update(index, { promote: e.target.checked }, "promote")}
                        />
                        Promote to everyone
                      </label>
                    )}
                    <InlineErrors errors={errors} path={`${at}.promote`} />
                  </td>
                  <td className={clsx(CELL, "border-t border-zinc-100 dark:border-zinc-800")}>
                    {!taken && (
                      <button
                        type="button"
                        className="text-xs text-red-700 hover:underline dark:text-red-300"
                        onClick={() => remove(index)}
                      >
                        Remove<span className="sr-only"> step {index + 1}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <InlineErrors errors={errors} path={`${prefix}.steps`} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="btn-secondary" onClick={add} disabled={steps.length >= 20}>
          Add a step
        </button>
        <p className="muted text-xs">
          An empty box keeps what the step before gave that cohort (shown grey). A cohort without its own percentage
          follows everyone else.
        </p>
      </div>
    </div>
  );
}

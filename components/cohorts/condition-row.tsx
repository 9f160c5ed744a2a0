"use client";

import { OPERATOR_LABELS, OPERATORS, type Operator } from "@/lib/domain/cohort-rules";

export type ConditionDraft = { attribute: string; operator: Operator; valuesText: string };

const SINGLE_VALUE: ReadonlySet<Operator> = new Set(["matches", "gt", "lt", "semverGte", "semverLt"]);

export function valuesOf(draft: ConditionDraft): string[] {
  if (SINGLE_VALUE.has(draft.operator)) return [draft.valuesText];
  return draft.valuesText
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

const PLACEHOLDERS: Partial<Record<Operator, string>> = {
  matches: "^[a-z]+@acme\\.com$",
  gt: "42",
  lt: "42",
  semverGte: "2.3.0",
  semverLt: "3.0.0",
};

type Props = {
  index: number;
  draft: ConditionDraft;
  errors: Record<string, string[]>;
  onChange: (draft: ConditionDraft) => void;
  onRemove?: () => void;
};

export function ConditionRow({ index, draft, errors, onChange, onRemove }: Props) {
  const prefix = `definition.conditions.${index}`;
  const attributeErrors = errors[`${prefix}.attribute`] ?? [];
  const valueErrors = Object.entries(errors)
    .filter(([path]) => path.startsWith(`${prefix}.values`))
    .flatMap(([, messages]) => messages);
  return (
    <li className="grid gap-2 sm:grid-cols-[10rem_10rem_1fr_auto] sm:items-start" aria-label={`Condition ${index + 1}`}>
      <div>
        <input
          aria-label={`Condition ${index + 1} attribute`}
          aria-invalid={attributeErrors.length ? true : undefined}
          className="input font-mono"
          placeholder="country"
          value={draft.attribute}
          onChange={(e) => onChange({ ...draft, attribute: e.target.value })}
        />
        {attributeErrors.map((e) => (
          <p key={e} className="field-error text-xs">
            {e}
          </p>
        ))}
      </div>
      <select
        aria-label={`Condition ${index + 1} operator`}
        className="input"
        value={draft.operator}
        onChange={(e) => onChange({ ...draft, operator: e.target.value as Operator })}
      >
        {OPERATORS.map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      <div>
        <input
          aria-label={`Condition ${index + 1} values`}
          aria-invalid={valueErrors.length ? true : undefined}
          className="input font-mono"
          placeholder={PLACEHOLDERS[draft.operator] ?? "DE, FR, ES"}
          value={draft.valuesText}
          onChange={(e) => onChange({ ...draft, valuesText: e.target.value })}
        />
        {valueErrors.length > 0 ? (
          valueErrors.map((e) => (
            <p key={e} className="field-error text-xs">
              {e}
            </p>
          ))
        ) : (
          <p className="muted mt-1 text-xs">
            {SINGLE_VALUE.has(draft.operator) ? "One value" : "Comma-separated values; any of them matches"}
          </p>
        )}
      </div>
      {onRemove ? (
        <button type="button" className="btn-secondary" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
          Remove
        </button>
      ) : (
        <span />
      )}
    </li>
  );
}

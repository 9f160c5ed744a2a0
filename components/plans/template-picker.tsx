"use client";

import Link from "next/link";
import { useState } from "react";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";

export type TemplateOption = { key: string; name: string; description: string; definition: PlanDefinition };

/** Fills the editor from one of the team's templates (replacing what is there). */
export function TemplatePicker({
  templates,
  chosen,
  templatesHref,
  onChoose,
}: {
  templates: TemplateOption[];
  chosen: string | null;
  templatesHref: string;
  onChoose: (template: TemplateOption) => void;
}) {
  const [selected, setSelected] = useState(chosen ?? templates[0]?.key ?? "");
  const template = templates.find((t) => t.key === selected);
  return (
    <section aria-labelledby="template-heading" className="card space-y-2 p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="template-heading" className="font-semibold">
          Start from a template
        </h2>
        <Link href={templatesHref} className="text-sm link">
          Manage templates
        </Link>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1 sm:max-w-xs">
          <label htmlFor="template" className="label">
            Template
          </label>
          <select id="template" className="input" value={selected} onChange={(e) => setSelected(e.target.value)}>
            {templates.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn-secondary"
          disabled={!template}
          onClick={() => template && onChoose(template)}
        >
          Fill the plan from it
        </button>
      </div>
      {template?.description && <p className="muted text-sm">{template.description}</p>}
      {chosen && (
        <p className="text-xs text-emerald-800 dark:text-emerald-200">
          Filled from “{templates.find((t) => t.key === chosen)?.name ?? chosen}”. Change anything below; the template
          stays as it is.
        </p>
      )}
    </section>
  );
}

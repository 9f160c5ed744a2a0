import { describeCohortAuditChange } from "@/lib/domain/describe-cohort-change";
import { formatBasisPoints } from "@/lib/domain/percent";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function show(key: string, value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (key === "defaultBasisPoints" && typeof value === "number") return formatBasisPoints(value);
  if (typeof value === "string") return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  // A cohort order and the like: a list of keys reads better without the JSON around it.
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return show(key, value.join(", "));
  return JSON.stringify(value).slice(0, 80);
}

/** Before → after for each field that changed; cohort percentages one line per cohort. */
function rows(before: unknown, after: unknown): { label: string; from: string; to: string }[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const out: { label: string; from: string; to: string }[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === "version") continue;
    if (key === "cohorts" && (isObject(b.cohorts) || isObject(a.cohorts))) {
      const bc = isObject(b.cohorts) ? b.cohorts : {};
      const ac = isObject(a.cohorts) ? a.cohorts : {};
      for (const cohort of new Set([...Object.keys(bc), ...Object.keys(ac)])) {
        if (bc[cohort] === ac[cohort]) continue;
        const fmt = (v: unknown) => (typeof v === "number" ? formatBasisPoints(v) : "everyone else");
        out.push({ label: cohort, from: fmt(bc[cohort]), to: fmt(ac[cohort]) });
      }
      continue;
    }
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    out.push({
      label: key === "defaultBasisPoints" ? "everyone else" : key,
      from: show(key, b[key]),
      to: show(key, a[key]),
    });
  }
  return out;
}

export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  if (before === null || after === null) return null;
  // Cohort edits and reorders read as a rule diff in words, not as JSON.
  const cohortWords = describeCohortAuditChange(before, after);
  if (cohortWords) return <CohortChangeWords lines={cohortWords} />;
  const changes = rows(before, after);
  if (changes.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5 text-xs">
      {changes.map((c) => (
        <li
          key={c.label}
          className="max-w-full rounded-md bg-zinc-100 px-1.5 py-0.5 [overflow-wrap:anywhere] dark:bg-zinc-800"
        >
          <span className="muted">{c.label}</span> <span className="tabular-nums">{c.from}</span> →{" "}
          <span className="font-medium tabular-nums">{c.to}</span>
        </li>
      ))}
    </ul>
  );
}

function CohortChangeWords({ lines }: { lines: string[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs [overflow-wrap:anywhere]" aria-label="What changed">
      {lines.map((line) => (
        <li key={line} className="w-fit max-w-full rounded-md bg-zinc-100 px-1.5 py-0.5 dark:bg-zinc-800">
          {line}
        </li>
      ))}
    </ul>
  );
}

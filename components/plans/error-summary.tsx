import type { FieldErrors } from "@/lib/errors/domain-errors";

// Paths the steps table and the guardrail rows show next to their field.
const INLINE = [
  /^[a-z]+\.steps$/,
  /^[a-z]+\.steps\.\d+$/,
  /^[a-z]+\.steps\.\d+\.(targets\.[^.]+|bakeMinutes|notBefore|promote)$/,
  /^[a-z]+\.guardrails\.metrics\.\d+\.(metricKey|quantile|tolerance\.value|tolerance\.kind)$/,
];

/** "Step 2, bake time" for "definition.steps.1.bakeMinutes"; the path itself when there is no better name. */
export function describePath(path: string): string {
  const step = /\.steps\.(\d+)/.exec(path);
  const guardrail = /\.guardrails\.metrics\.(\d+)/.exec(path);
  if (step) return `Step ${Number(step[1]) + 1}`;
  if (guardrail) return `Guardrail ${Number(guardrail[1]) + 1}`;
  if (path === "status") return "Release";
  if (path === "templateKey") return "Template";
  if (path === "key") return "Key";
  if (path === "name") return "Name";
  return path.replace(/^definition\./, "");
}

/**
 * Above the Save button: how many fields need fixing, and in full the errors no field shows
 * (a rule about the whole plan, the release's status, a template that went away).
 */
export function ErrorSummary({
  errors,
  message,
  shownElsewhere = [],
}: {
  errors: FieldErrors;
  message: string | null;
  shownElsewhere?: string[];
}) {
  const entries = Object.entries(errors).filter(([, list]) => list.length > 0);
  const loose = entries.filter(([path]) => !shownElsewhere.includes(path) && !INLINE.some((re) => re.test(path)));
  if (!message && entries.length === 0) return null;
  return (
    <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {message && <p>{message}</p>}
      {entries.length > 0 && (
        <p className="font-medium">
          {entries.length === 1 ? "One field needs" : `${entries.length} fields need`} fixing before this can be saved.
        </p>
      )}
      {loose.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {loose.map(([path, list]) => (
            <li key={path}>
              {describePath(path)}: {list.join("; ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

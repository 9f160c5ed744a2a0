import type { FieldErrors } from "@/lib/errors/domain-errors";

/** Server and local errors for one field, by the use case's path. */
export function errorsAt(errors: FieldErrors, path: string): string[] {
  return errors[path] ?? [];
}

/** An id for the element describing a field's errors (paths have dots, which ids can keep). */
export function errorId(path: string): string {
  return `err-${path.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

/** Props that tie an input to its errors for assistive technology. */
export function invalidProps(errors: FieldErrors, path: string) {
  const has = errorsAt(errors, path).length > 0;
  return has ? { "aria-invalid": true as const, "aria-describedby": errorId(path) } : {};
}

export function InlineErrors({ errors, path }: { errors: FieldErrors; path: string }) {
  const list = errorsAt(errors, path);
  if (list.length === 0) return null;
  return (
    <span id={errorId(path)} className="mt-1 block text-xs text-red-700 dark:text-red-300">
      {list.join("; ")}
    </span>
  );
}

import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors/domain-errors";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  // A Map, not `{}`: a field named "__proto__" or "constructor" (a record key from the
  // client) would otherwise find Object.prototype's members instead of an empty slot.
  const out = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "input";
    out.set(field, [...(out.get(field) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}

/** Parses untrusted input; a failure names every offending field and changes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}

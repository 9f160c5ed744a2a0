import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors/domain-errors";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "input";
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

/** Parses untrusted input; a failure names every offending field and changes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}

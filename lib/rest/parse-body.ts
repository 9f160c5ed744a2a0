import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors/domain-errors";
import { InvalidJsonError } from "./rest-errors";

/** An empty body is `undefined` (commands such as roll back need none); anything else must be JSON. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError(`The request body is not valid JSON (${error instanceof Error ? error.message : "parse error"})`);
  }
}

/**
 * Like parseInput, but in the API's words: an unknown field is named as the field ("defualt":
 * "Unknown field") and a missing body says so, instead of a nameless "input" error.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, options: { optional?: boolean } = {}): z.output<S> {
  if (body === undefined && !options.optional) throw ValidationError.field("body", "A JSON body is required");
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) (fieldErrors[prefix ? `${prefix}.${key}` : key] ??= []).push("Unknown field");
      continue;
    }
    (fieldErrors[prefix || "body"] ??= []).push(issue.message);
  }
  throw new ValidationError(fieldErrors);
}

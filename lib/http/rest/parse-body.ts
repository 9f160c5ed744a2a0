import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors/domain-errors";
import { InvalidJsonError } from "./rest-errors";

/** An empty body is `undefined` (commands such as roll back need none); anything else must be JSON. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidJsonError(
      `The request body is not valid JSON (${error instanceof Error ? error.message : "parse error"})`,
    );
  }
  // PostgreSQL text can't hold U+0000: a NUL that reached a comment would fail the write as a 500.
  if (/\\u0000/i.test(text) && containsNul(parsed))
    throw new InvalidJsonError("The request body contains a U+0000 (NUL) character, which can't be stored");
  return parsed;
}

function containsNul(value: unknown): boolean {
  // Iterative: bodies are capped, but nesting can still be tens of thousands deep.
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === "string") {
      if (next.includes("\u0000")) return true;
    } else if (next !== null && typeof next === "object") {
      for (const [key, child] of Object.entries(next)) {
        if (key.includes("\u0000")) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/**
 * Like parseInput, but in the API's words: an unknown field is named as the field ("defualt":
 * "Unknown field") and a missing body says so, instead of a nameless "input" error.
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  options: { optional?: boolean } = {},
): z.output<S> {
  if (body === undefined && !options.optional) throw ValidationError.field("body", "A JSON body is required");
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  // A Map, not `{}`: an unknown field named "__proto__" or "constructor" would otherwise find
  // Object.prototype's members instead of an empty slot (and a 500 instead of a 400).
  const fieldErrors = new Map<string, string[]>();
  const add = (field: string, message: string) => fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), message]);
  for (const issue of result.error.issues) {
    const prefix = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(prefix ? `${prefix}.${key}` : key, "Unknown field");
      continue;
    }
    add(prefix || "body", issue.message);
  }
  throw new ValidationError(Object.fromEntries(fieldErrors) as FieldErrors);
}

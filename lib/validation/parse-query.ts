import { z } from "zod";
import { parseInput } from "./parse-input";

type Shape = z.ZodRawShape;
/** What a page's URL may hold: one string per name (the first if repeated), absent when empty. */
export type RawQuery = Record<string, string | string[] | undefined>;

function firstValues(raw: RawQuery, names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    names.map((name) => {
      const value = raw[name];
      const first = Array.isArray(value) ? value[0] : value;
      return [name, first === undefined || first.trim() === "" ? undefined : first];
    }),
  );
}

/**
 * For a page's filters: each field parsed on its own, a bad one left out and named in
 * `ignored` (the page says so) instead of failing the page. Empty fields count as absent.
 */
export function parseQueryLeniently<S extends Shape>(
  schema: z.ZodObject<S>,
  raw: RawQuery,
): { query: Partial<z.output<z.ZodObject<S>>>; ignored: string[] } {
  const values = firstValues(raw, Object.keys(schema.shape));
  const query: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, field] of Object.entries(schema.shape)) {
    if (values[name] === undefined) continue;
    const parsed = (field as z.ZodType).safeParse(values[name]);
    if (parsed.success) query[name] = parsed.data;
    else ignored.push(name);
  }
  return { query: query as Partial<z.output<z.ZodObject<S>>>, ignored };
}

/** For the API: the same fields, but a bad one is a 400 naming it. */
export function parseQueryStrictly<S extends Shape>(schema: z.ZodObject<S>, raw: RawQuery) {
  return parseInput(schema, firstValues(raw, Object.keys(schema.shape)));
}

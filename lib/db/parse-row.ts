import { z } from "zod";

/**
 * A stored row that doesn't match its schema. Rows are written only by our own use cases, so
 * this is a bug or corruption, never user input: it names the table, the row and the field,
 * and is not a domain error (people see a generic failure, the log sees this message).
 */
export class CorruptRowError extends Error {
  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly field: string,
    problem: string,
  ) {
    super(`Corrupt ${table} row ${rowId}: ${field}: ${problem}`);
    this.name = "CorruptRowError";
  }
}

/** A JSON text column: parsed, then checked against `schema`. */
export function jsonColumn<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        return value;
      } catch {
        ctx.addIssue({ code: "custom", message: "is not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

type RowOf<S extends z.ZodObject> = { id: string } & { [K in keyof z.output<S>]: unknown };

/**
 * Where rows leave the database: the columns `schema` names (JSON texts, enums) are parsed
 * and typed, every other column passes through as Prisma typed it. Throws CorruptRowError.
 */
export function parseRow<S extends z.ZodObject, R extends RowOf<S>>(
  table: string,
  schema: S,
  row: R,
): Omit<R, keyof z.output<S>> & z.output<S> {
  const result = schema.safeParse(row);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.map(String).join(".") || "row";
    throw new CorruptRowError(table, row.id, field, issue?.message ?? "is invalid");
  }
  return { ...row, ...result.data };
}

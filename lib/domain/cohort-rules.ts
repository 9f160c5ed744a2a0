import { parse as parseSemver, type SemVer } from "semver";
import { z } from "zod";
import { checkRegex } from "./check-regex";

export const OPERATORS = [
  "in",
  "notIn",
  "startsWith",
  "endsWith",
  "contains",
  "matches",
  "semverGte",
  "semverLt",
  "gt",
  "lt",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Values stay strings even for numbers and versions: they are what was typed in the form. */
export type Condition = { attribute: string; operator: Operator; values: string[] };

export type CohortDefinition = { kind: "rules"; conditions: Condition[] } | { kind: "keys"; targetingKeys: string[] };

export const OPERATOR_LABELS: Record<Operator, string> = {
  in: "is one of",
  notIn: "is not one of",
  startsWith: "starts with",
  endsWith: "ends with",
  contains: "contains",
  matches: "matches regex",
  semverGte: "version at least",
  semverLt: "version below",
  gt: "greater than",
  lt: "less than",
};

export const MAX_CONDITIONS = 50;
export const MAX_VALUES_PER_CONDITION = 500;
export const MAX_VALUE_LENGTH = 256;
export const MAX_TARGETING_KEYS = 10_000;
export const ATTRIBUTE_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const SINGLE_VALUE_OPERATORS: ReadonlySet<Operator> = new Set(["matches", "semverGte", "semverLt", "gt", "lt"]);

// Plain decimals only, shared by validation and evaluation so a value that validates is
// exactly a value that compares; Number() alone would also take "0x10" or "".
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a decimal number string; returns null for anything else (including ±Infinity). */
export function parseDecimal(text: string): number | null {
  const s = text.trim();
  if (!DECIMAL.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Strict semver with an optional leading "v". semver.valid alone also accepts "=1.2.3" and
 * surrounding spaces, which we don't want stored as-is.
 */
export function parseVersion(text: string): SemVer | null {
  const s = text.startsWith("v") || text.startsWith("V") ? text.slice(1) : text;
  if (!/^\d/.test(s)) return null;
  return parseSemver(s);
}

const attributeSchema = z
  .string({ error: "Attribute is required" })
  .min(1, "Attribute is required")
  .max(64, "Attribute must be at most 64 characters")
  .regex(
    ATTRIBUTE_PATTERN,
    "Attribute must start with a letter or underscore and contain only letters, digits, '_', '.' or '-'",
  );

const valueSchema = z
  .string({ error: "Value must be text" })
  .trim()
  .min(1, "Value can't be empty")
  .max(MAX_VALUE_LENGTH, `Value must be at most ${MAX_VALUE_LENGTH} characters`);

export const conditionSchema = z
  .object({
    attribute: attributeSchema,
    operator: z.enum(OPERATORS, { error: "Choose a valid operator" }),
    values: z
      .array(valueSchema, { error: "Values must be a list" })
      .min(1, "Add at least one value")
      .max(MAX_VALUES_PER_CONDITION, `At most ${MAX_VALUES_PER_CONDITION} values per condition`),
  })
  .superRefine((condition, ctx) => {
    const { operator, values } = condition;
    if (SINGLE_VALUE_OPERATORS.has(operator) && values.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: `"${OPERATOR_LABELS[operator]}" takes exactly one value`,
      });
      return;
    }
    const value = values[0] ?? "";
    const error = singleValueError(operator, value);
    if (error) ctx.addIssue({ code: "custom", path: ["values", 0], message: error });
  });

function singleValueError(operator: Operator, value: string): string | null {
  switch (operator) {
    case "gt":
    case "lt":
      return parseDecimal(value) === null ? "Value must be a number, e.g. 42 or 3.5" : null;
    case "semverGte":
    case "semverLt":
      return parseVersion(value) === null ? "Value must be a semantic version, e.g. 2.3.0" : null;
    case "matches":
      return checkRegex(value);
    default:
      return null;
  }
}

const targetingKeySchema = z
  .string({ error: "Targeting key must be text" })
  .trim()
  .min(1, "Targeting key can't be empty")
  .max(MAX_VALUE_LENGTH, `Targeting key must be at most ${MAX_VALUE_LENGTH} characters`);

export const cohortDefinitionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("rules"),
      conditions: z
        .array(conditionSchema, { error: "Conditions must be a list" })
        .min(1, "Add at least one condition")
        .max(MAX_CONDITIONS, `At most ${MAX_CONDITIONS} conditions`),
    }),
    z.object({
      kind: z.literal("keys"),
      targetingKeys: z
        .array(targetingKeySchema, { error: "Targeting keys must be a list" })
        .min(1, "Add at least one targeting key")
        .max(MAX_TARGETING_KEYS, `At most ${MAX_TARGETING_KEYS.toLocaleString("en-US")} targeting keys`)
        .transform((keys) => [...new Set(keys)]),
    }),
  ],
  { error: 'Cohort kind must be "rules" or "keys"' },
);

export type CohortDefinitionInput = z.input<typeof cohortDefinitionSchema>;

const MAX_LISTED_VALUES = 5;

/** "targeting key" for the one attribute every context has; other attributes as typed. */
export function attributeLabel(attribute: string): string {
  return attribute === "targetingKey" ? "targeting key" : attribute;
}

function listed(values: readonly string[], joiner: "or" | "and"): string {
  const shown = values.slice(0, MAX_LISTED_VALUES);
  const hidden = values.length - shown.length;
  if (hidden > 0) return `${shown.join(", ")} and ${hidden.toLocaleString("en-US")} more`;
  return shown.length <= 1 ? (shown[0] ?? "") : `${shown.slice(0, -1).join(", ")} ${joiner} ${shown.at(-1)}`;
}

/** One condition in plain words: "country is DE", "country is one of DE, FR or AT", "age is more than 18". */
export function describeCondition(c: Condition): string {
  const attribute = attributeLabel(c.attribute);
  const one = c.values.length === 1;
  const value = c.values[0] ?? "";
  switch (c.operator) {
    case "in":
      return one ? `${attribute} is ${value}` : `${attribute} is one of ${listed(c.values, "or")}`;
    case "notIn":
      return one ? `${attribute} is not ${value}` : `${attribute} is none of ${listed(c.values, "or")}`;
    case "startsWith":
      return `${attribute} starts with ${listed(c.values, "or")}`;
    case "endsWith":
      return `${attribute} ends with ${listed(c.values, "or")}`;
    case "contains":
      return `${attribute} contains ${listed(c.values, "or")}`;
    case "matches":
      return `${attribute} matches the pattern /${value}/`;
    case "semverGte":
      return `${attribute} is version ${value} or later`;
    case "semverLt":
      return `${attribute} is a version before ${value}`;
    case "gt":
      return `${attribute} is more than ${value}`;
    case "lt":
      return `${attribute} is less than ${value}`;
  }
}

/** "1 listed targeting key", "12 listed targeting keys". */
export function countTargetingKeys(n: number): string {
  return `${n.toLocaleString("en-US")} listed targeting key${n === 1 ? "" : "s"}`;
}

/** A whole definition in one line: "country is one of DE or FR and platform is ios", or "12 listed targeting keys". */
export function describeDefinition(definition: CohortDefinition): string {
  if (definition.kind === "keys") {
    const keys = definition.targetingKeys;
    if (keys.length > MAX_LISTED_VALUES) return countTargetingKeys(keys.length);
    return keys.length === 1 ? `targeting key is ${keys[0]}` : `targeting key is one of ${listed(keys, "or")}`;
  }
  return definition.conditions.map(describeCondition).join(" and ");
}

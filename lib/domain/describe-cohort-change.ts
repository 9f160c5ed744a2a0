import { z } from "zod";
import {
  cohortDefinitionSchema,
  countTargetingKeys,
  describeCondition,
  describeDefinition,
  type CohortDefinition,
  type Condition,
} from "./cohort-rules";

/**
 * A cohort change in words, for the audit trail and approval cards: "Rule added: country is
 * DE", "Moved above Mobile app users". Reads what audit events store (old events included),
 * so it parses leniently and returns null for anything it doesn't recognise.
 */

const fieldsShape = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  definition: cohortDefinitionSchema.nullable().optional(),
});
const orderShape = z.object({ order: z.array(z.string()), names: z.record(z.string(), z.string()).optional() });

const MAX_KEYS_SHOWN = 5;
const MULTI_VALUE: ReadonlySet<string> = new Set(["in", "notIn", "startsWith", "endsWith", "contains"]);

function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, MAX_KEYS_SHOWN).join(", ");
  return keys.length > MAX_KEYS_SHOWN
    ? `${shown} and ${(keys.length - MAX_KEYS_SHOWN).toLocaleString("en-US")} more`
    : shown;
}

function conditionId(c: Condition): string {
  const values = c.operator === "in" || c.operator === "notIn" ? [...c.values].sort() : c.values;
  return JSON.stringify([c.attribute, c.operator, values]);
}

function valueDiff(before: Condition, after: Condition): string {
  const was = new Set(before.values);
  const now = new Set(after.values);
  const added = after.values.filter((v) => !was.has(v));
  const removed = before.values.filter((v) => !now.has(v));
  const parts = [
    added.length ? `added ${keyList(added)}` : "",
    removed.length ? `removed ${keyList(removed)}` : "",
  ].filter(Boolean);
  return `Rule changed: ${describeCondition(after)} (${parts.join("; ")})`;
}

/** The rule changes between two definitions, one line each. */
export function describeDefinitionChange(before: CohortDefinition, after: CohortDefinition): string[] {
  if (before.kind === "keys" && after.kind === "keys") {
    const was = new Set(before.targetingKeys);
    const now = new Set(after.targetingKeys);
    const added = after.targetingKeys.filter((k) => !was.has(k));
    const removed = before.targetingKeys.filter((k) => !now.has(k));
    return [
      ...(added.length ? [`Targeting keys added: ${keyList(added)}`] : []),
      ...(removed.length ? [`Targeting keys removed: ${keyList(removed)}`] : []),
    ];
  }
  if (before.kind === "rules" && after.kind === "rules") {
    const was = new Map(before.conditions.map((c) => [conditionId(c), c]));
    const now = new Map(after.conditions.map((c) => [conditionId(c), c]));
    const removed = before.conditions.filter((c) => !now.has(conditionId(c)));
    const added = after.conditions.filter((c) => !was.has(conditionId(c)));
    const lines: string[] = [];
    // A condition on the same attribute with the same operator reads as one changed rule.
    for (const old of [...removed]) {
      const twin = added.find((c) => c.attribute === old.attribute && c.operator === old.operator);
      if (!twin) continue;
      lines.push(
        MULTI_VALUE.has(twin.operator)
          ? valueDiff(old, twin)
          : `Rule changed: ${describeCondition(twin)} (was ${describeCondition(old)})`,
      );
      removed.splice(removed.indexOf(old), 1);
      added.splice(added.indexOf(twin), 1);
    }
    return [
      ...removed.map((c) => `Rule removed: ${describeCondition(c)}`),
      ...added.map((c) => `Rule added: ${describeCondition(c)}`),
      ...lines,
    ];
  }
  const describe = (d: CohortDefinition) =>
    d.kind === "keys" ? countTargetingKeys(d.targetingKeys.length) : `users where ${describeDefinition(d)}`;
  return [`Who is in it: ${describe(before)} → ${describe(after)}`];
}

/** For an edit: name, description and rules, one line per change. */
export function describeCohortEdit(before: unknown, after: unknown): string[] | null {
  const b = fieldsShape.safeParse(before);
  const a = fieldsShape.safeParse(after);
  if (!b.success || !a.success || !a.data.definition) return null;
  const lines: string[] = [];
  if (b.data.name !== undefined && a.data.name !== undefined && b.data.name !== a.data.name)
    lines.push(`Renamed: ${b.data.name} → ${a.data.name}`);
  if ((b.data.description ?? "") !== (a.data.description ?? ""))
    lines.push(a.data.description ? `Description: ${a.data.description}` : "Description removed");
  if (!b.data.definition) lines.push(`Rules set: ${describeDefinition(a.data.definition)}`);
  else lines.push(...describeDefinitionChange(b.data.definition, a.data.definition));
  return lines;
}

/**
 * For a reorder (two neighbours swap) or an archive, from the order before and after:
 * "Mobile app users moved above EU shoppers", "EU shoppers left the order (archived)".
 */
export function describeCohortOrderChange(before: unknown, after: unknown): string[] | null {
  const b = orderShape.safeParse(before);
  const a = orderShape.safeParse(after);
  if (!b.success || !a.success) return null;
  const names = { ...b.data.names, ...a.data.names };
  const name = (key: string) => names[key] ?? key;
  const was = b.data.order;
  const now = a.data.order;
  const gone = was.filter((key) => !now.includes(key));
  if (gone.length) return gone.map((key) => `${name(key)} left the order; its users fall to the cohorts after it`);
  const lines: string[] = [];
  for (const key of now) {
    const from = was.indexOf(key);
    const to = now.indexOf(key);
    if (from < 0 || to >= from) continue;
    // It went up past the cohorts that are now right below it and were above it before.
    const passed = now.slice(to + 1).filter((other) => was.indexOf(other) < from && was.indexOf(other) >= 0);
    if (passed.length)
      lines.push(`${name(key)} moved above ${passed.map(name).join(", ")} (priority ${from + 1} → ${to + 1})`);
  }
  return lines.length ? lines : null;
}

/** Whatever cohort change the stored sides describe, in words; null: not a cohort change. */
export function describeCohortAuditChange(before: unknown, after: unknown): string[] | null {
  return describeCohortOrderChange(before, after) ?? describeCohortEdit(before, after);
}

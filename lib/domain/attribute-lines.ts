/**
 * The "Who gets it?" attributes box: `name=value`, one per line (or several on a line,
 * separated by commas before a name). Pure, so the browser refuses a malformed line before
 * asking the server, naming the line — a line that was silently skipped would answer for a
 * different user than the one typed.
 */
export type AttributeLines =
  { ok: true; attributes: Record<string, string> } | { ok: false; line: number; text: string; message: string };

const NAME = /^[A-Za-z_][\w.-]*$/;
// Commas separate attributes only when a name and "=" follow, so values may hold commas.
const SEPARATOR = /,(?=\s*[A-Za-z_][\w.-]*\s*=)/;

export function parseAttributeLines(text: string): AttributeLines {
  const attributes: Record<string, string> = {};
  const seenOn = new Map<string, number>();
  const lines = text.split("\n");
  for (const [index, rawLine] of lines.entries()) {
    const line = index + 1;
    for (const part of rawLine.split(SEPARATOR)) {
      const item = part.trim();
      if (item === "") continue;
      const equals = item.indexOf("=");
      const fail = (message: string) => ({ ok: false as const, line, text: item, message });
      if (equals < 0) return fail(`Line ${line} “${item}” has no “=”: write it as name=value`);
      const name = item.slice(0, equals).trim();
      const value = item.slice(equals + 1).trim();
      if (name === "") return fail(`Line ${line} “${item}” has no name before “=”`);
      if (!NAME.test(name))
        return fail(
          `Line ${line}: “${name}” is not an attribute name (letters, digits, “_”, “.”, “-”, starting with a letter)`,
        );
      if (name === "targetingKey") return fail(`Line ${line}: put the targeting key in its own field, not here`);
      const earlier = seenOn.get(name);
      if (earlier !== undefined) return fail(`Line ${line}: “${name}” is already given on line ${earlier}`);
      seenOn.set(name, line);
      attributes[name] = value;
    }
  }
  return { ok: true, attributes };
}

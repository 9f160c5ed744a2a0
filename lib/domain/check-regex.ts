import safeRegex from "safe-regex2";

export const MAX_REGEX_LENGTH = 200;
export const RUNAWAY_REGEX_MESSAGE =
  "Regular expression could run away (nested quantifiers); simplify it";
export const REPEATED_ALTERNATION_MESSAGE =
  "Regular expression could run away (repeated alternatives like (a|aa)*); simplify it";
export const BACKREFERENCE_MESSAGE =
  "Regular expression can't use backreferences (\\1, \\k<name>); they can run away";

/**
 * Validates a user-supplied pattern for the `matches` operator. Returns an error message,
 * or null when the pattern is acceptable. Patterns are evaluated on the server for every
 * request, so anything that can backtrack catastrophically is refused up front.
 */
export function checkRegex(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) {
    return `Regular expression must be at most ${MAX_REGEX_LENGTH} characters`;
  }
  try {
    new RegExp(pattern);
  } catch (error) {
    return `Invalid regular expression: ${regexErrorReason(error)}`;
  }
  const shape = scanPattern(pattern);
  if (shape.backreference) return BACKREFERENCE_MESSAGE;
  if (!safeRegex(pattern, { limit: 25 })) return RUNAWAY_REGEX_MESSAGE;
  // safe-regex2 only measures star height, so it passes (a|aa)*b, which is exponential.
  if (shape.repeatedAlternation) return REPEATED_ALTERNATION_MESSAGE;
  return null;
}

function regexErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 prefixes "Invalid regular expression: /<pattern>/: "; keep only the reason.
  const cut = message.lastIndexOf("/: ");
  return cut >= 0 ? message.slice(cut + 3) : message;
}

type PatternShape = { backreference: boolean; repeatedAlternation: boolean };

/**
 * One pass over the source, aware of escapes and character classes, so that `\|`, `[|]`,
 * `\\1` or `[\1]` (an octal escape in a class) don't count. Deliberately conservative: any
 * group containing `|` that is repeated more than once is flagged, even when the
 * alternatives can't overlap (e.g. (foo|bar)+), because telling those apart reliably
 * needs a real automaton analysis.
 */
function scanPattern(pattern: string): PatternShape {
  const groups: boolean[] = []; // per open group: contains alternation anywhere inside
  let inClass = false;
  let backreference = false;
  let repeatedAlternation = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || (next === "k" && pattern[i + 2] === "<"))) {
        backreference = true;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
    } else if (ch === "(") {
      groups.push(false);
    } else if (ch === "|") {
      if (groups.length > 0) groups[groups.length - 1] = true;
    } else if (ch === ")") {
      const hasAlternation = groups.pop() ?? false;
      if (hasAlternation) {
        if (groups.length > 0) groups[groups.length - 1] = true;
        if (repeatsMoreThanOnce(pattern, i + 1)) repeatedAlternation = true;
      }
    }
  }
  return { backreference, repeatedAlternation };
}

function repeatsMoreThanOnce(pattern: string, at: number): boolean {
  const q = pattern[at];
  if (q === "*" || q === "+") return true;
  if (q !== "{") return false;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
  if (!braces) return false; // a literal "{" in non-unicode mode
  const min = Number(braces[1]);
  if (braces[2] === undefined) return min > 1;
  if (braces[3] === "") return true;
  return Number(braces[3]) > 1;
}

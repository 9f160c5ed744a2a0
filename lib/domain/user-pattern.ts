import { RE2JS } from "re2js";

/**
 * Patterns for the `matches` operator are written by people and run against contexts that SDK
 * keys (public credentials) send, on the evaluation thread. They run on RE2 (re2js, a pure
 * JavaScript port): matching is linear in the input, whatever the pattern, so no pattern and
 * no attribute can stall evaluation. RE2 syntax: https://github.com/google/re2/wiki/Syntax —
 * no backreferences, no lookaround.
 */
export const MAX_PATTERN_LENGTH = 200;

// Linear time still has a constant: it grows with the compiled program. 200 instructions keep
// the worst case near 3 ms per condition on the 1,024 characters evaluation looks at
// (`[\p{L}\p{N}\p{P}]{198}`); ordinary patterns (emails, ids, versions) stay under 60.
export const MAX_PATTERN_PROGRAM_SIZE = 200;

export type UserPattern = { test: (input: string) => boolean };
export type CompiledPattern = { ok: true; pattern: UserPattern } | { ok: false; reason: string };

const UNSUPPORTED_HINT = " (RE2 syntax: backreferences and lookaround aren't supported)";

/** Compiles a pattern with the limits above; never throws. */
export function compileUserPattern(source: string): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH)
    return { ok: false, reason: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    return { ok: false, reason: syntaxReason(error) };
  }
  if (compiled.programSize() > MAX_PATTERN_PROGRAM_SIZE) {
    return { ok: false, reason: "is too complex (lower the repetition counts, e.g. {500})" };
  }
  return { ok: true, pattern: { test: (input) => compiled.test(input) } };
}

function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.replace(/^error parsing regexp: /, "");
  const unsupported = /invalid escape sequence: `\\[1-9k]|unsupported Perl syntax/.test(reason);
  return unsupported ? `${reason}${UNSUPPORTED_HINT}` : reason;
}

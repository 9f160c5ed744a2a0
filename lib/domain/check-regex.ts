import { compileUserPattern, MAX_PATTERN_LENGTH } from "./user-pattern";

export const MAX_REGEX_LENGTH = MAX_PATTERN_LENGTH;

/**
 * Validates a pattern for the `matches` operator with the engine that will run it (RE2), so a
 * rule that saves is a rule that evaluates. Returns an error message, or null when acceptable.
 */
export function checkRegex(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `Regular expression must be at most ${MAX_REGEX_LENGTH} characters`;
  const compiled = compileUserPattern(pattern);
  return compiled.ok ? null : `Invalid regular expression: ${compiled.reason}`;
}

/**
 * Escaping for values placed inside PromQL string literals. PromQL strings follow Go's rules
 * (promql/parser/lex.go): a backslash starts an escape, only the opening quote character may be
 * escaped as a quote, and a raw newline ends the query with "unterminated quoted string". So a
 * value is safe inside `"..."` (or `'...'`) once backslashes, that quote and every control
 * character are escaped: nothing in it can close the string.
 */

export type PromqlQuote = '"' | "'";

const NAMED_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** The inner content of a PromQL string literal opened with `quote` that reads back as `value`. */
export function escapePromqlString(value: string, quote: PromqlQuote = '"'): string {
  let out = "";
  // for…of walks code points, so a lone surrogate shows up on its own and can be replaced.
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (NAMED_ESCAPES[ch]) out += NAMED_ESCAPES[ch];
    else if (ch === quote) out += `\\${quote}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    // Prometheus rejects invalid UTF-8; a lone surrogate has no UTF-8 form at all.
    else if (code >= 0xd800 && code <= 0xdfff) out += "\uFFFD";
    else out += ch;
  }
  return out;
}

/**
 * RE2 metacharacters escaped (Go's regexp.QuoteMeta), for a value placed in a `=~`/`!~` matcher
 * so it matches itself literally; the result still needs escapePromqlString.
 */
export function quoteRegexMeta(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

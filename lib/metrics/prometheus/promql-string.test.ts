import { describe, expect, it } from "vitest";
import { escapePromqlString, quoteRegexMeta } from "./promql-string";

// Reads a PromQL double-quoted literal back the way Prometheus' lexer does (Go escapes), so the
// tests check the round trip rather than a particular spelling.
function unquote(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const body = literal.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"' || ch === "\n") throw new Error(`string ends early at ${i}`);
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body.charAt(++i);
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", '"': '"' };
    if (next in simple) out += simple[next];
    else if (next === "x") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else throw new Error(`unknown escape \\${next}`);
  }
  return out;
}

describe("escapePromqlString", () => {
  it.each([
    ["plain", "beta"],
    ["double quote", 'a"b'],
    ["break-out attempt", 'a"} or vector(1) #'],
    ["backslash", "we\\ird"],
    ["backslash before quote", '\\"'],
    ["trailing backslash", "x\\"],
    ["newline and tab", "a\nb\tc\r"],
    ["control characters", "\u0000\u0001\u001f\u007f"],
    ["unicode", "Zürich 🚀 東京"],
    ["single quote in a double-quoted string", "it's"],
  ])("%s survives a round trip through a double-quoted literal", (_name, value) => {
    expect(unquote(`"${escapePromqlString(value)}"`)).toBe(value);
  });

  it("escapes exactly the quote that opened the string", () => {
    expect(escapePromqlString(`'"`, "'")).toBe(`\\'"`);
    expect(escapePromqlString(`'"`, '"')).toBe(`'\\"`);
  });

  it("never leaves a raw newline, which would end a PromQL string", () => {
    expect(escapePromqlString("a\nb")).toBe("a\\nb");
    expect(escapePromqlString("a\u2028b")).toBe("a\u2028b");
  });

  it("replaces a lone surrogate, which has no UTF-8 form", () => {
    expect(escapePromqlString("a\ud800b")).toBe("a\uFFFDb");
    expect(escapePromqlString("🚀")).toBe("🚀");
  });
});

describe("quoteRegexMeta", () => {
  it("escapes every RE2 metacharacter so a value matches itself", () => {
    const value = "a.b+c*d?(e)|[f]{g}^h$\\i";
    expect(quoteRegexMeta(value)).toBe("a\\.b\\+c\\*d\\?\\(e\\)\\|\\[f\\]\\{g\\}\\^h\\$\\\\i");
    expect(new RegExp(`^${quoteRegexMeta(value)}$`).test(value)).toBe(true);
    expect(new RegExp(`^${quoteRegexMeta("a.b")}$`).test("axb")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { decodePathSegment, isDecodablePath } from "./decode-path-segment";

describe("decodePathSegment", () => {
  it.each([
    ["new-checkout", "new-checkout"],
    ["%25", "%"],
    ["%2525", "%25"],
    ["a%2Fb", "a/b"],
    ["%F0%9F%92%A9", "💩"],
    ["__proto__", "__proto__"],
  ])("decodes %s", (raw, decoded) => expect(decodePathSegment(raw)).toBe(decoded));

  it.each(["%E0%A4%A", "%", "%%", "%C0%AF", "%ED%A0%80", "%FF", "%E0%A4", "%u0041", "%00", "%0A", "%1F", "%7F"])(
    "refuses %s without throwing",
    (raw) => {
      expect(decodePathSegment(raw)).toBeNull();
    },
  );

  it("judges a whole path by its segments", () => {
    expect(isDecodablePath("/ofrep/v1/evaluate/flags/%25")).toBe(true);
    expect(isDecodablePath("/ofrep/v1/evaluate/flags/%E0%A4%A")).toBe(false);
    expect(isDecodablePath("/api/v1/releases/x/environments/%00")).toBe(false);
    expect(isDecodablePath("//double//slashes/")).toBe(true);
  });
});

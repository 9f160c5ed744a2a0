import { describe, expect, it } from "vitest";
import { parseAttributeLines } from "./attribute-lines";

describe("parseAttributeLines", () => {
  it("reads name=value lines, commas between pairs, and skips blank lines", () => {
    expect(parseAttributeLines("country=DE\n\n platform = ios \nplan=pro, tier=gold")).toEqual({
      ok: true,
      attributes: { country: "DE", platform: "ios", plan: "pro", tier: "gold" },
    });
  });

  it("keeps commas and = inside values", () => {
    expect(parseAttributeLines("tags=a,b,c\nquery=x=1")).toEqual({
      ok: true,
      attributes: { tags: "a,b,c", query: "x=1" },
    });
  });

  it("accepts an empty value and an empty box", () => {
    expect(parseAttributeLines("email=")).toEqual({ ok: true, attributes: { email: "" } });
    expect(parseAttributeLines("  \n")).toEqual({ ok: true, attributes: {} });
  });

  it("refuses a line without = and names it", () => {
    expect(parseAttributeLines("country=DE\nplatform ios")).toEqual({
      ok: false,
      line: 2,
      text: "platform ios",
      message: "Line 2 “platform ios” has no “=”: write it as name=value",
    });
  });

  it("refuses a missing or malformed name, a repeated name and the targeting key", () => {
    expect(parseAttributeLines("=DE")).toMatchObject({
      ok: false,
      line: 1,
      message: expect.stringContaining("no name"),
    });
    expect(parseAttributeLines("country code=DE")).toMatchObject({
      ok: false,
      message: expect.stringContaining("“country code” is not an attribute name"),
    });
    expect(parseAttributeLines("country=DE\ncountry=FR")).toMatchObject({
      ok: false,
      line: 2,
      message: "Line 2: “country” is already given on line 1",
    });
    expect(parseAttributeLines("targetingKey=u-1")).toMatchObject({
      ok: false,
      message: expect.stringContaining("its own field"),
    });
  });
});

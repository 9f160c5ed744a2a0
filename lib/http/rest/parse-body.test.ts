import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/domain-errors";
import { parseBody, parseJsonText } from "./parse-body";
import { InvalidJsonError } from "./rest-errors";
import { commandBodySchema, rollbackBodySchema, setPercentagesBodySchema } from "./rest-schemas";

function fieldErrors(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("parseJsonText", () => {
  it("an empty body is undefined; broken JSON is invalid_json", () => {
    expect(parseJsonText("")).toBeUndefined();
    expect(parseJsonText(" \n")).toBeUndefined();
    expect(parseJsonText('{"a":1}')).toEqual({ a: 1 });
    expect(() => parseJsonText("{expectedVersion: 1")).toThrow(InvalidJsonError);
  });

  it("refuses a NUL anywhere (PostgreSQL text can't hold one), however deep, and keeps an escaped backslash", () => {
    expect(() => parseJsonText(String.raw`{"expectedVersion":1,"comment":"a\\u0000b"}`)).not.toThrow();
    expect(() => parseJsonText(String.raw`{"expectedVersion":1,"comment":"a\u0000b"}`)).toThrow("U+0000");
    expect(() => parseJsonText(String.raw`{"cohorts":{"e\u0000u":5}}`)).toThrow("U+0000");
    const deep = `${"[".repeat(30_000)}${String.raw`"\u0000"`}${"]".repeat(30_000)}`;
    expect(() => parseJsonText(deep)).toThrow(InvalidJsonError);
  });
});

describe("set percentages body", () => {
  it("takes percent with up to two decimals, null to follow everyone else", () => {
    expect(
      parseBody(setPercentagesBodySchema, { expectedVersion: 3, default: 12.35, cohorts: { beta: 0.01, eu: null } }),
    ).toMatchObject({
      expectedVersion: 3,
      default: 12.35,
      cohorts: { beta: 0.01, eu: null },
    });
    expect(parseBody(setPercentagesBodySchema, { expectedVersion: 3, cohorts: { beta: 100 } }).default).toBeUndefined();
  });

  it("names each bad field", () => {
    expect(
      fieldErrors(() =>
        parseBody(setPercentagesBodySchema, {
          expectedVersion: 3,
          default: 100.5,
          cohorts: { beta: 12.345, eu: "10" },
        }),
      ),
    ).toEqual({
      default: ["Percentage must be between 0 and 100"],
      "cohorts.beta": ["Use at most two decimals (e.g. 12.25)"],
      "cohorts.eu": [expect.stringContaining("number")],
    });
    expect(Object.keys(fieldErrors(() => parseBody(setPercentagesBodySchema, { default: 5 })))).toEqual([
      "expectedVersion",
    ]);
    expect(fieldErrors(() => parseBody(setPercentagesBodySchema, { expectedVersion: 3 }))).toEqual({
      cohorts: ["Give `default`, `cohorts` or both"],
    });
  });

  it("a misspelt field is refused by name, not ignored", () => {
    expect(
      fieldErrors(() => parseBody(setPercentagesBodySchema, { expectedVersion: 3, defualt: 5, cohorts: { beta: 5 } })),
    ).toEqual({ defualt: ["Unknown field"] });
  });

  it("a field named like an Object member is an unknown field like any other, not a crash", () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const body = JSON.parse(`{"expectedVersion":3,"default":5,${JSON.stringify(name)}:1}`);
      expect(fieldErrors(() => parseBody(setPercentagesBodySchema, body))).toEqual({ [name]: ["Unknown field"] });
    }
    // zod drops a "__proto__" record key by itself; the others are named.
    for (const name of ["constructor", "toString"]) {
      expect(
        fieldErrors(() =>
          parseBody(
            setPercentagesBodySchema,
            JSON.parse(`{"expectedVersion":3,"cohorts":{${JSON.stringify(name)}:"x"}}`),
          ),
        ),
      ).toEqual({ [`cohorts.${name}`]: [expect.stringContaining("number")] });
    }
  });

  it("a body is required, and must be an object", () => {
    expect(fieldErrors(() => parseBody(setPercentagesBodySchema, undefined))).toEqual({
      body: ["A JSON body is required"],
    });
    expect(Object.keys(fieldErrors(() => parseBody(setPercentagesBodySchema, [1, 2])))).toEqual(["body"]);
  });
});

describe("command bodies", () => {
  it("a command needs the version; roll back needs no body at all", () => {
    expect(Object.keys(fieldErrors(() => parseBody(commandBodySchema, {})))).toEqual(["expectedVersion"]);
    expect(parseBody(commandBodySchema, { expectedVersion: 2, comment: "ship it" })).toEqual({
      expectedVersion: 2,
      comment: "ship it",
    });
    expect(parseBody(rollbackBodySchema, undefined, { optional: true })).toEqual({ comment: "" });
    expect(parseBody(rollbackBodySchema, { comment: "errors up" }, { optional: true })).toEqual({
      comment: "errors up",
    });
  });
});

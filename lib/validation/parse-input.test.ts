import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "./parse-input";

describe("parseInput", () => {
  it("names a bad record entry even when its key is an Object member (no crash, no prototype)", () => {
    const schema = z.record(z.string(), z.number());
    // (zod itself drops a "__proto__" record key.)
    for (const key of ["constructor", "toString", "hasOwnProperty"]) {
      let error: unknown;
      try {
        parseInput(schema, JSON.parse(`{${JSON.stringify(key)}:"x"}`));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([key]);
      expect(Object.getPrototypeOf((error as ValidationError).fieldErrors)).toBe(Object.prototype);
    }
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CorruptRowError, jsonColumn, parseRow } from "./parse-row";

const schema = z.object({ status: z.enum(["on", "off"]), tags: jsonColumn(z.array(z.string())) });

describe("parseRow", () => {
  it("types the columns it names and passes the others through", () => {
    const row = parseRow("Thing", schema, { id: "t1", name: "A", status: "on", tags: '["x","y"]' });
    expect(row).toEqual({ id: "t1", name: "A", status: "on", tags: ["x", "y"] });
  });

  it.each([
    [{ status: "maybe", tags: "[]" }, "status"],
    [{ status: "on", tags: "[1]" }, "tags.0"],
    [{ status: "on", tags: "not json" }, "tags"],
  ])("names the table, the row and the field of a value that doesn't parse (%o)", (columns, field) => {
    let thrown: unknown;
    try {
      parseRow("Thing", schema, { id: "t1", ...columns });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CorruptRowError);
    expect(thrown).toMatchObject({ table: "Thing", rowId: "t1", field });
    expect((thrown as Error).message).toMatch(new RegExp(`^Corrupt Thing row t1: ${field.replace(".", "\\.")}: `));
  });
});

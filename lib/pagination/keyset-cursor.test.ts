import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./keyset-cursor";

describe("keyset cursor", () => {
  it("round-trips the time and id of the last row shown", () => {
    const cursor = { at: new Date("2026-03-01T10:11:12.345Z"), id: "clx123abc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("reads anything else as no cursor", () => {
    for (const bad of [undefined, null, "", "not a cursor!", "%%%", Buffer.from("nonsense").toString("base64url")])
      expect(decodeCursor(bad)).toBeNull();
    expect(decodeCursor(Buffer.from("2026-13-01T00:00:00.000Z|abc").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("2026-03-01T00:00:00.000Z|a|b").toString("base64url"))).toBeNull();
  });
});

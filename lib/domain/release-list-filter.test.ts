import { describe, expect, it } from "vitest";
import { filterReleases, isFiltered, releaseListQuerySchema } from "./release-list-filter";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const RELEASES = [
  { key: "new-checkout", name: "New checkout flow", status: "rolling", ownerId: "u1", updatedAt: at(5) },
  { key: "dark-mode", name: "Dark mode", status: "promoted", ownerId: "u2", updatedAt: at(9) },
  { key: "cafe-menu", name: "Café menu", status: "draft", ownerId: null, updatedAt: at(1) },
  { key: "search-v2", name: "Search v2", status: "paused", ownerId: "u1", updatedAt: at(7) },
] as const;
const keys = (query: Parameters<typeof filterReleases>[1]) => filterReleases(RELEASES, query).map((r) => r.key);

describe("filterReleases", () => {
  it("lists the most recently changed first by default", () => {
    expect(keys({})).toEqual(["dark-mode", "search-v2", "new-checkout", "cafe-menu"]);
  });

  it("finds by any words of the name or the key, ignoring case and accents", () => {
    expect(keys({ q: "CHECKOUT" })).toEqual(["new-checkout"]);
    expect(keys({ q: "cafe" })).toEqual(["cafe-menu"]);
    expect(keys({ q: "search-v" })).toEqual(["search-v2"]);
    expect(keys({ q: "flow new" })).toEqual(["new-checkout"]);
    expect(keys({ q: "nothing like it" })).toEqual([]);
  });

  it("filters by status and by owner, nobody included", () => {
    expect(keys({ status: "paused" })).toEqual(["search-v2"]);
    expect(keys({ owner: "u1" })).toEqual(["search-v2", "new-checkout"]);
    expect(keys({ owner: "none" })).toEqual(["cafe-menu"]);
    expect(keys({ owner: "u1", status: "rolling", q: "new" })).toEqual(["new-checkout"]);
  });

  it("sorts by name, or by status with live releases first", () => {
    expect(keys({ sort: "name" })).toEqual(["cafe-menu", "dark-mode", "new-checkout", "search-v2"]);
    expect(keys({ sort: "status" })).toEqual(["new-checkout", "search-v2", "cafe-menu", "dark-mode"]);
  });

  it("tells filters from sorting", () => {
    expect(isFiltered({ sort: "name" })).toBe(false);
    expect(isFiltered({ q: "x" })).toBe(true);
  });

  it("refuses values the URL should not hold", () => {
    expect(releaseListQuerySchema.shape.status.safeParse("live").success).toBe(false);
    expect(releaseListQuerySchema.shape.sort.safeParse("random").success).toBe(false);
    expect(releaseListQuerySchema.shape.owner.safeParse("a b").success).toBe(false);
    expect(releaseListQuerySchema.shape.q.safeParse("x".repeat(101)).success).toBe(false);
  });
});

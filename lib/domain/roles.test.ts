import { describe, expect, it } from "vitest";
import { ROLES, isRole, roleAtLeast, type Role } from "./roles";

describe("roleAtLeast", () => {
  it("ranks viewer < editor < approver < admin", () => {
    expect(ROLES).toEqual(["viewer", "editor", "approver", "admin"]);
    ROLES.forEach((role, i) => {
      ROLES.forEach((required, j) => {
        expect(roleAtLeast(role, required)).toBe(i >= j);
      });
    });
  });

  it("fails closed for a role string that isn't known", () => {
    expect(roleAtLeast("superuser" as Role, "viewer")).toBe(false);
    expect(roleAtLeast("admin", "superuser" as Role)).toBe(false);
  });
});

describe("isRole", () => {
  it("accepts exactly the known roles", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const value of ["Admin", "owner", "", "toString", null, undefined, 1, {}, ["admin"]]) {
      expect(isRole(value)).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { AUDIT_KINDS, auditKindLabel, isAuditKind } from "./audit-kinds";

describe("auditKindLabel", () => {
  it("puts known event codes in words", () => {
    expect(auditKindLabel("rollout.percentages_set")).toBe("Percentages changed");
    expect(auditKindLabel("change_request.created")).toBe("Approval requested");
  });

  it("still reads as words for a code it does not know", () => {
    expect(auditKindLabel("flag.went_sideways")).toBe("Flag: went sideways");
    expect(auditKindLabel("oddity")).toBe("Oddity");
  });

  it("has one label per code and no code that reads as itself", () => {
    expect(new Set(AUDIT_KINDS).size).toBe(AUDIT_KINDS.length);
    for (const code of AUDIT_KINDS) {
      expect(isAuditKind(code)).toBe(true);
      expect(auditKindLabel(code)).not.toContain(".");
    }
  });
});

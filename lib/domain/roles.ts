export const ROLES = ["viewer", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

// Explicit ranks rather than ROLES.indexOf so an unknown role string from storage compares
// false against everything instead of ranking as -1.
const RANK: Record<Role, number> = { viewer: 0, editor: 1, approver: 2, admin: 3 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** Editors and up change rollouts or ask for approval; a viewer's pending requests lapse. */
export function canRequestChanges(role: Role): boolean {
  return roleAtLeast(role, "editor");
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

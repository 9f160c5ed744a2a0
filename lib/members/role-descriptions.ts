import type { Role } from "@/lib/domain/roles";

/** One line per role, as the members page and the add form explain them (DESIGN.md: Membership). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads releases, cohorts, metrics and the audit log; changes nothing.",
  editor: "Creates releases and cohorts and changes rollouts within the approval policy.",
  approver: "Everything an editor does, and approves other people's change requests.",
  admin: "Everything an approver does, and manages members, API keys, environments and policy.",
};

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  editor: "Editor",
  approver: "Approver",
  admin: "Admin",
};

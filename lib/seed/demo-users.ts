import type { Role } from "@/lib/domain/roles";

/**
 * The demo sign-in identities. Kept free of runtime imports so e2e specs and fixtures can
 * import it without loading Prisma. `role` is the user's role in the demo team "acme".
 */
export type DemoUser = { email: string; name: string; role: Role };

export const DEMO_TEAM_SLUG = "acme";
export const DEMO_SECOND_TEAM_SLUG = "platform";

export const DEMO_USERS = [
  { email: "ada@acme.test", name: "Ada Admin", role: "admin" },
  { email: "erin@acme.test", name: "Erin Editor", role: "editor" },
  { email: "avery@acme.test", name: "Avery Approver", role: "approver" },
  { email: "vic@acme.test", name: "Vic Viewer", role: "viewer" },
  { email: "sam@acme.test", name: "Sam Sre", role: "editor" },
] as const satisfies readonly DemoUser[];

export type DemoUserEmail = (typeof DEMO_USERS)[number]["email"];

/** Looks up a demo user by email; throws on a typo so seed data can't name a stranger. */
export function demoUser(email: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`Unknown demo user ${email}`);
  return user;
}

import Link from "next/link";
import type { Role } from "@/lib/domain/roles";
import { NavLinks, type NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { TeamSwitcher } from "./team-switcher";

type Props = {
  team: { slug: string; name: string };
  teams: { slug: string; name: string; role: string }[];
  role: Role;
  userName: string;
  pendingApprovals: number;
};

export function TeamNav({ team, teams, role, userName, pendingApprovals }: Props) {
  const base = `/teams/${team.slug}`;
  const links: NavLink[] = [
    { href: base, label: "Overview", exact: true, priority: "always" },
    { href: `${base}/releases`, label: "Releases", priority: "always" },
    { href: `${base}/cohorts`, label: "Cohorts", priority: "sm" },
    { href: `${base}/metrics`, label: "Metrics", priority: "sm" },
    { href: `${base}/plans/templates`, label: "Plan templates", priority: "lg" },
    {
      href: `${base}/approvals`,
      label: "Approvals",
      priority: "always",
      badge:
        pendingApprovals > 0
          ? {
              count: pendingApprovals,
              label: `${pendingApprovals} pending approval${pendingApprovals === 1 ? "" : "s"}`,
            }
          : undefined,
    },
    { href: `${base}/audit`, label: "Audit log", priority: "sm" },
    { href: `${base}/environments`, label: "Environments", priority: "lg" },
    { href: `${base}/members`, label: "Members", priority: "lg" },
    { href: `${base}/webhooks`, label: "Webhooks", priority: "xl" },
    { href: `${base}/embeds`, label: "Embeds", priority: "xl" },
    { href: `${base}/api-keys`, label: "API keys", priority: "xl" },
  ];
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="text-brand-600">
            ◢
          </span>
          Glidepath
        </Link>
        <TeamSwitcher current={team} teams={teams} />
        <NavLinks links={links} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="muted hidden sm:inline">
            {userName} · <span className="font-medium">{role}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

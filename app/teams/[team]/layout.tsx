import type { ReactNode } from "react";
import { TeamNav } from "@/components/nav/team-nav";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { listMyTeams } from "@/lib/teams/list-my-teams";
import { countPendingChangeRequests } from "@/lib/approvals/list-change-requests";

export default async function TeamLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ team: string }>;
}) {
  const { team } = await params;
  const context = await getPageTeamContext(`/teams/${team}/releases`, team);
  const { actor } = context;
  const [teams, pendingApprovals] = await Promise.all([
    listMyTeams(actor.id),
    countPendingChangeRequests(context.access),
  ]);
  return (
    <div className="min-h-screen">
      <TeamNav
        team={{ slug: context.access.teamSlug, name: context.access.teamName }}
        teams={teams}
        role={context.access.role}
        userName={actor.name}
        pendingApprovals={pendingApprovals}
      />
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-6xl px-4 pb-16 pt-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}

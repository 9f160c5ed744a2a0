import type { ReactNode } from "react";
import { TeamNav } from "@/components/nav/team-nav";
import { orNotFound, requirePageActor } from "@/lib/http/page-actor";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { listMyTeams } from "@/lib/teams/list-my-teams";
import { countPendingChangeRequests } from "@/lib/approvals/list-change-requests";

export default async function TeamLayout({ children, params }: { children: ReactNode; params: Promise<{ team: string }> }) {
  const { team } = await params;
  const actor = await requirePageActor(`/teams/${team}/releases`);
  const [context, teams] = await Promise.all([orNotFound(getTeamContext(actor, team)), listMyTeams(actor.id)]);
  const pendingApprovals = await countPendingChangeRequests(context.access.teamId);
  return (
    <div className="min-h-screen">
      <TeamNav
        team={{ slug: context.access.teamSlug, name: context.access.teamName }}
        teams={teams}
        role={context.access.role}
        userName={actor.name}
        pendingApprovals={pendingApprovals}
      />
      <main className="mx-auto max-w-6xl px-4 pb-16 pt-6 sm:px-6">{children}</main>
    </div>
  );
}

import type { Metadata } from "next";
import { ReleaseForm } from "@/components/releases/release-form";
import { orNotFound, requirePageActor } from "@/lib/http/page-actor";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { listMembers } from "@/lib/teams/list-members";
import { createReleaseAction } from "../actions";

export const metadata: Metadata = { title: "New release" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ env?: string }> };

export default async function NewReleasePage({ params, searchParams }: Props) {
  const [{ team }, { env }] = await Promise.all([params, searchParams]);
  const actor = await requirePageActor(`/teams/${team}/releases/new`);
  const { access, environment } = await orNotFound(getTeamContext(actor, team, env));
  const members = await listMembers(access.teamId);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">New release</h1>
      <ReleaseForm teamSlug={team} environmentKey={environment.key} members={members} submit={createReleaseAction} />
    </div>
  );
}

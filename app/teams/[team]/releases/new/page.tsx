import type { Metadata } from "next";
import { ReadOnlyForm } from "@/components/forms/read-only-form";
import { ReleaseForm } from "@/components/releases/release-form";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { listTeamMembers } from "@/lib/members/list-team-members";
import { createReleaseAction } from "../actions";

export const metadata: Metadata = { title: "New release" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ env?: string }> };

export default async function NewReleasePage({ params, searchParams }: Props) {
  const [{ team }, { env }] = await Promise.all([params, searchParams]);
  const { access, environment } = await getPageTeamContext(`/teams/${team}/releases/new`, team, env);
  const { members } = await listTeamMembers(access, { orderBy: "name" });
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">New release</h1>
      <ReadOnlyForm role={access.role} needs="editor" to="create releases">
        <ReleaseForm
          teamSlug={team}
          environmentKey={environment.key}
          members={members.map((m) => ({ id: m.userId, name: m.name }))}
          submit={createReleaseAction}
        />
      </ReadOnlyForm>
    </div>
  );
}

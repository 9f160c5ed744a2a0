import type { Metadata } from "next";
import { ArchiveReleaseButton } from "@/components/releases/archive-release-button";
import { ReadOnlyForm } from "@/components/forms/read-only-form";
import { ReleaseForm } from "@/components/releases/release-form";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import { orNotFound } from "@/lib/http/page-actor";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { listTeamMembers } from "@/lib/members/list-team-members";
import { getReleaseView } from "@/lib/releases/get-release-view";
import { archiveReleaseAction, updateReleaseAction } from "../actions";

export const metadata: Metadata = { title: "Edit release" };

type Props = { params: Promise<{ team: string; release: string }>; searchParams: Promise<{ env?: string }> };

export default async function EditReleasePage({ params, searchParams }: Props) {
  const [{ team, release: releaseKey }, { env }] = await Promise.all([params, searchParams]);
  const context = await getPageTeamContext(`/teams/${team}/releases/${releaseKey}/edit`, team, env);
  const { environment } = context;
  const [release, { members }] = await Promise.all([
    orNotFound(getReleaseView(context, { releaseKey })),
    listTeamMembers(context.access, { orderBy: "name" }),
  ]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Edit {release.name}</h1>
      <ReadOnlyForm role={context.access.role} needs="editor" to="change a release's details">
        <ReleaseForm
          teamSlug={team}
          environmentKey={environment.key}
          members={members.map((m) => ({ id: m.userId, name: m.name }))}
          releaseKey={release.key}
          initial={{
            key: release.key,
            name: release.name,
            description: release.description,
            ownerId: release.owner?.id ?? "",
            critical: release.critical,
          }}
          submit={updateReleaseAction}
        />
      </ReadOnlyForm>
      <section className="card max-w-3xl space-y-2 p-5" aria-labelledby="archive-heading">
        <h2 id="archive-heading" className="font-semibold">
          Archive
        </h2>
        <p className="muted text-sm">
          An archived release is no longer evaluated (SDKs use their default value) and leaves the lists. Only a release
          that serves nobody can be archived.
        </p>
        <ArchiveReleaseButton
          teamSlug={team}
          environmentKey={environment.key}
          release={{ key: release.key, name: release.name }}
          liveIn={[{ name: environment.name, status: release.rollout.status }, ...release.otherEnvironments]
            .filter((r) => r.status !== "draft" && r.status !== "rolled_back")
            .map((r) => `${r.name} (${STATUS_LABELS[r.status].toLowerCase()})`)}
          archive={archiveReleaseAction}
        />
      </section>
    </div>
  );
}

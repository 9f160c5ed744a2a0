import type { Metadata } from "next";
import Link from "next/link";
import { EnvironmentTabs } from "@/components/environments/environment-tabs";
import { ReleaseTable } from "@/components/releases/release-table";
import { roleAtLeast } from "@/lib/domain/roles";
import { orNotFound, requirePageActor } from "@/lib/pages/page-actor";
import { listReleases } from "@/lib/releases/list-releases";
import { getTeamContext } from "@/lib/teams/get-team-context";

export const metadata: Metadata = { title: "Releases" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ env?: string }> };

export default async function ReleasesPage({ params, searchParams }: Props) {
  const [{ team }, { env }] = await Promise.all([params, searchParams]);
  const actor = await requirePageActor(`/teams/${team}/releases`);
  const { access, environments, environment } = await orNotFound(getTeamContext(actor, team, env));
  const releases = await listReleases(access.teamId, environment.id);
  const base = `/teams/${team}/releases`;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Releases</h1>
          <p className="muted text-sm">
            {releases.length} release{releases.length === 1 ? "" : "s"} in {environment.name}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <EnvironmentTabs environments={environments} current={environment.key} basePath={base} />
          {roleAtLeast(access.role, "editor") && (
            <Link href={`${base}/new?env=${environment.key}`} className="btn-primary">
              New release
            </Link>
          )}
        </div>
      </div>
      <ReleaseTable releases={releases} teamSlug={team} environmentKey={environment.key} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { EnvironmentTabs } from "@/components/environments/environment-tabs";
import { ReleaseTable } from "@/components/releases/release-table";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { listArchivedReleases, listReleases } from "@/lib/releases/list-releases";
import { RestoreReleaseButton } from "@/components/releases/restore-release-button";
import { RelativeTime } from "@/components/common/relative-time";
import { restoreReleaseAction } from "./actions";
import { ArchivedList } from "@/components/common/archived-list";

export const metadata: Metadata = { title: "Releases" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ env?: string }> };

export default async function ReleasesPage({ params, searchParams }: Props) {
  const [{ team }, { env }] = await Promise.all([params, searchParams]);
  const context = await getPageTeamContext(`/teams/${team}/releases`, team, env);
  const { access, environments, environment } = context;
  const [releases, archived] = await Promise.all([listReleases(context), listArchivedReleases(access)]);
  const canEdit = roleAtLeast(access.role, "editor");
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
          {canEdit && (
            <Link href={`${base}/new?env=${environment.key}`} className="btn-primary">
              New release
            </Link>
          )}
        </div>
      </div>
      <ReleaseTable releases={releases} teamSlug={team} environmentKey={environment.key} />
      <ArchivedList label="Archived releases" count={archived.length}>
        {archived.map((release) => (
          <li key={release.key} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
            <p className="min-w-0">
              <span className="font-medium">{release.name}</span>{" "}
              <span className="muted font-mono text-xs">{release.key}</span>
              <span className="muted block text-xs">
                archived {release.archivedAt && <RelativeTime date={release.archivedAt} />}
              </span>
            </p>
            {canEdit && <RestoreReleaseButton teamSlug={team} release={release} restore={restoreReleaseAction} />}
          </li>
        ))}
      </ArchivedList>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { EnvironmentTabs } from "@/components/environments/environment-tabs";
import { IgnoredFilters } from "@/components/common/filter-form";
import { ReleaseFilters } from "@/components/releases/release-filters";
import { ReleaseTable } from "@/components/releases/release-table";
import { isFiltered, releaseListQuerySchema } from "@/lib/domain/release-list-filter";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { findReleases, listArchivedReleases } from "@/lib/releases/list-releases";
import { parseQueryLeniently, type RawQuery } from "@/lib/validation/parse-query";
import { RestoreReleaseButton } from "@/components/releases/restore-release-button";
import { RelativeTime } from "@/components/common/relative-time";
import { restoreReleaseAction } from "./actions";
import { ArchivedList } from "@/components/common/archived-list";

export const metadata: Metadata = { title: "Releases" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<RawQuery> };

const FIELD_NAMES = { q: "search", status: "status", owner: "owner", sort: "order" } as const;

export default async function ReleasesPage({ params, searchParams }: Props) {
  const [{ team }, raw] = await Promise.all([params, searchParams]);
  const env = typeof raw.env === "string" ? raw.env : undefined;
  const context = await getPageTeamContext(`/teams/${team}/releases`, team, env);
  const { access, environments, environment } = context;
  const parsed = parseQueryLeniently(releaseListQuerySchema, raw);
  const [{ releases, total, owners, ownerIgnored }, archived] = await Promise.all([
    findReleases(context, parsed.query),
    listArchivedReleases(access),
  ]);
  const ignored = ownerIgnored ? [...parsed.ignored, "owner"] : parsed.ignored;
  const query = ownerIgnored ? { ...parsed.query, owner: undefined } : parsed.query;
  const canEdit = roleAtLeast(access.role, "editor");
  const base = `/teams/${team}/releases`;
  const kept = Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const filtered = isFiltered(query);
  const clearHref = `${base}?env=${encodeURIComponent(environment.key)}`;
  const notes = ignored.map(
    (field) =>
      `Ignored the ${FIELD_NAMES[field as keyof typeof FIELD_NAMES] ?? field} in the link (“${String(raw[field]).slice(0, 40)}”): it is not one of the choices below.`,
  );
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Releases</h1>
          <p className="muted text-sm" data-testid="release-count">
            {filtered ? `${releases.length} of ${total}` : total} release{total === 1 ? "" : "s"} in {environment.name}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <EnvironmentTabs environments={environments} current={environment.key} basePath={base} query={kept} />
          {canEdit && (
            <Link href={`${base}/new?env=${environment.key}`} className="btn-primary">
              New release
            </Link>
          )}
        </div>
      </div>
      {total > 0 && (
        <ReleaseFilters
          action={base}
          environmentKey={environment.key}
          query={query}
          owners={owners}
          clearHref={filtered ? clearHref : undefined}
        />
      )}
      <IgnoredFilters notes={notes} />
      <ReleaseTable
        releases={releases}
        teamSlug={team}
        environmentKey={environment.key}
        noMatch={filtered ? { clearHref } : undefined}
      />
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

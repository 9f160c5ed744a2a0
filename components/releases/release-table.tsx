import Link from "next/link";
import type { ReleaseListItem } from "@/lib/releases/list-releases";
import { RelativeTime } from "@/components/common/relative-time";
import { ExposureBars } from "./exposure-bars";
import { StatusBadge } from "./status-badge";

export function ReleaseTable({
  releases,
  teamSlug,
  environmentKey,
  noMatch,
}: {
  releases: ReleaseListItem[];
  teamSlug: string;
  environmentKey: string;
  /** Set when filters are applied: an empty list then says no release matched, and how to see all. */
  noMatch?: { clearHref: string };
}) {
  if (releases.length === 0 && noMatch) {
    return (
      <div className="card p-10 text-center" role="status">
        <p className="font-medium">No release matches these filters</p>
        <p className="muted mt-1 text-sm">
          Try other words or another status or owner, or{" "}
          <Link href={noMatch.clearHref} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
            clear filters
          </Link>
          .
        </p>
      </div>
    );
  }
  if (releases.length === 0) {
    return (
      <div className="card p-10 text-center">
        <p className="font-medium">No releases yet</p>
        <p className="muted mt-1 text-sm">Create a release to start ramping new code, cohort by cohort.</p>
      </div>
    );
  }
  return (
    <ul className="grid gap-3 md:grid-cols-2" aria-label="Releases">
      {releases.map((release) => (
        <li key={release.key} className="card flex flex-col gap-3 p-4 transition-shadow hover:shadow-md">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <Link
                href={`/teams/${teamSlug}/releases/${release.key}?env=${environmentKey}`}
                className="font-medium hover:underline"
              >
                {release.name}
              </Link>
              <p className="muted truncate font-mono text-xs">{release.key}</p>
            </div>
            <StatusBadge status={release.status} />
          </div>
          <ExposureBars
            status={release.status}
            cohorts={release.cohorts}
            defaultBasisPoints={release.defaultBasisPoints}
          />
          <p className="muted mt-auto text-xs">
            Last change <RelativeTime date={release.updatedAt} />
            {release.updatedByName ? ` by ${release.updatedByName}` : ""}
            {release.ownerName ? ` · owner ${release.ownerName}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

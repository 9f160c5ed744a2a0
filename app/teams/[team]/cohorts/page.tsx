import type { Metadata } from "next";
import Link from "next/link";
import { MoveButtons } from "@/components/cohorts/move-buttons";
import { RestoreCohortButton } from "@/components/cohorts/restore-cohort-button";
import { RelativeTime } from "@/components/common/relative-time";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { analyseCohortOrder } from "@/lib/domain/cohort-overlap";
import { describeDefinition } from "@/lib/domain/cohort-rules";
import { describeCohortFinding } from "@/lib/domain/describe-cohort-findings";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { moveCohortAction, previewCohortChangeAction, restoreCohortAction } from "./actions";
import { ArchivedList } from "@/components/common/archived-list";

export const metadata: Metadata = { title: "Cohorts" };

export default async function CohortsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/cohorts`, team);
  const [cohorts, archived] = await Promise.all([listCohorts(access), listCohorts(access, { archived: true })]);
  const canEdit = roleAtLeast(access.role, "editor");
  const nameOf = (key: string) => cohorts.find((c) => c.key === key)?.name ?? key;
  const findings = new Map(analyseCohortOrder(cohorts).map((f) => [f.key, describeCohortFinding(f, nameOf)]));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Cohorts</h1>
          <p className="muted max-w-2xl text-sm">
            A user belongs to the first cohort, top to bottom, whose rules match; users in no cohort are “everyone
            else”. Each release sets a percentage per cohort.
          </p>
        </div>
        {canEdit && (
          <Link href={`/teams/${team}/cohorts/new`} className="btn-primary">
            New cohort
          </Link>
        )}
      </div>
      {cohorts.length === 0 ? (
        <div className="card p-10 text-center">
          <p className="font-medium">No cohorts yet</p>
          <p className="muted mt-1 text-sm">
            Cohorts let you ramp a release for staff or beta testers before everyone else.
          </p>
        </div>
      ) : (
        <ol className="card divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Cohorts in priority order">
          {cohorts.map((cohort, i) => (
            <li key={cohort.key} className="flex flex-wrap items-start gap-4 px-5 py-4">
              <span className="muted w-6 pt-0.5 text-right text-sm tabular-nums">{i + 1}</span>
              <div className="min-w-0 flex-1 basis-60">
                <p className="font-medium">
                  {cohort.name} <span className="muted font-mono text-xs">{cohort.key}</span>
                </p>
                {cohort.description && <p className="muted text-sm">{cohort.description}</p>}
                <p className="mt-1 break-words text-sm">{describeDefinition(cohort.definition)}</p>
                <p className="muted mt-1 text-xs">
                  {cohort.explicitRollouts === 0
                    ? "No release gives it a percentage of its own"
                    : `Its own percentage in ${cohort.explicitRollouts} rollout${cohort.explicitRollouts === 1 ? "" : "s"}`}
                </p>
                {(findings.get(cohort.key) ?? []).map((line) => (
                  <p
                    key={line.text}
                    className={
                      line.tone === "warning"
                        ? "mt-1 text-sm font-medium text-amber-800 dark:text-amber-200"
                        : "muted mt-1 text-xs"
                    }
                  >
                    {line.tone === "warning" ? "⚠ " : ""}
                    {line.text}
                  </p>
                ))}
              </div>
              {canEdit ? (
                <MoveButtons
                  teamSlug={team}
                  cohortKey={cohort.key}
                  cohortName={cohort.name}
                  first={i === 0}
                  last={i === cohorts.length - 1}
                  move={moveCohortAction}
                  preview={previewCohortChangeAction}
                >
                  <Link href={`/teams/${team}/cohorts/${cohort.key}/edit`} className="btn-secondary">
                    Edit
                  </Link>
                </MoveButtons>
              ) : (
                <Link
                  href={`/teams/${team}/cohorts/${cohort.key}/edit`}
                  className="btn-secondary"
                  aria-label={`View the rules of ${cohort.name}`}
                >
                  View
                </Link>
              )}
            </li>
          ))}
        </ol>
      )}
      <ArchivedList label="Archived cohorts" count={archived.length}>
        {archived.map((cohort) => (
          <li key={cohort.key} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
            <div className="min-w-0">
              <p className="font-medium">
                {cohort.name} <span className="muted font-mono text-xs">{cohort.key}</span>
              </p>
              <p className="muted break-words text-xs">
                {describeDefinition(cohort.definition)} · archived{" "}
                {cohort.archivedAt && <RelativeTime date={cohort.archivedAt} />}
              </p>
            </div>
            {canEdit && <RestoreCohortButton teamSlug={team} cohort={cohort} restore={restoreCohortAction} />}
          </li>
        ))}
      </ArchivedList>
    </div>
  );
}

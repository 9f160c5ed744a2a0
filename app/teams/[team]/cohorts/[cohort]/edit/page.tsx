import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveCohortButton } from "@/components/cohorts/archive-cohort-button";
import { CohortForm } from "@/components/cohorts/cohort-form";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { archiveCohortAction, previewCohortChangeAction, updateCohortAction } from "../../actions";
import { cannotEditCohorts } from "@/components/cohorts/cannot-edit-cohorts";

export const metadata: Metadata = { title: "Edit cohort" };

export default async function EditCohortPage({ params }: { params: Promise<{ team: string; cohort: string }> }) {
  const { team, cohort: cohortKey } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/cohorts/${cohortKey}/edit`, team);
  const cohorts = await listCohorts(access);
  const index = cohorts.findIndex((c) => c.key === cohortKey);
  const cohort = cohorts[index];
  if (!cohort) notFound();
  const placed = cohorts.map(({ key, name, definition }) => ({ key, name, definition }));
  const canEdit = roleAtLeast(access.role, "editor");
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">{canEdit ? `Edit ${cohort.name}` : cohort.name}</h1>
      <CohortForm
        teamSlug={team}
        initial={cohort}
        submit={updateCohortAction}
        preview={previewCohortChangeAction}
        above={placed.slice(0, index)}
        below={placed.slice(index + 1)}
        readOnlyReason={canEdit ? undefined : cannotEditCohorts(access.teamName)}
      />
      {canEdit && (
        <section className="card max-w-3xl space-y-2 p-5" aria-labelledby="archive-heading">
          <h2 id="archive-heading" className="font-semibold">
            Archive
          </h2>
          <p className="muted text-sm">
            An archived cohort matches nobody and leaves the lists; its users fall to the cohorts after it. Restoring it
            brings it back as the last cohort.
          </p>
          <ArchiveCohortButton teamSlug={team} cohort={cohort} archive={archiveCohortAction} />
        </section>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveCohortButton } from "@/components/cohorts/archive-cohort-button";
import { CohortForm } from "@/components/cohorts/cohort-form";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { archiveCohortAction, updateCohortAction } from "../../actions";

export const metadata: Metadata = { title: "Edit cohort" };

export default async function EditCohortPage({ params }: { params: Promise<{ team: string; cohort: string }> }) {
  const { team, cohort: cohortKey } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/cohorts/${cohortKey}/edit`, team);
  const cohort = (await listCohorts(access)).find((c) => c.key === cohortKey);
  if (!cohort) notFound();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Edit {cohort.name}</h1>
      <CohortForm teamSlug={team} initial={cohort} submit={updateCohortAction} />
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
    </div>
  );
}

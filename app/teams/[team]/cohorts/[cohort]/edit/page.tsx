import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CohortForm } from "@/components/cohorts/cohort-form";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { orNotFound, requirePageActor } from "@/lib/pages/page-actor";
import { getTeamContext } from "@/lib/teams/get-team-context";
import { updateCohortAction } from "../../actions";

export const metadata: Metadata = { title: "Edit cohort" };

export default async function EditCohortPage({ params }: { params: Promise<{ team: string; cohort: string }> }) {
  const { team, cohort: cohortKey } = await params;
  const actor = await requirePageActor(`/teams/${team}/cohorts/${cohortKey}/edit`);
  const { access } = await orNotFound(getTeamContext(actor, team));
  const cohort = (await listCohorts(access.teamId)).find((c) => c.key === cohortKey);
  if (!cohort) notFound();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Edit {cohort.name}</h1>
      <CohortForm teamSlug={team} initial={cohort} submit={updateCohortAction} />
    </div>
  );
}

import type { Metadata } from "next";
import { CohortForm } from "@/components/cohorts/cohort-form";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { createCohortAction } from "../actions";
import { cannotEditCohorts } from "@/components/cohorts/cannot-edit-cohorts";

export const metadata: Metadata = { title: "New cohort" };

export default async function NewCohortPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/cohorts/new`, team);
  const cohorts = await listCohorts(access);
  const above = cohorts.map(({ key, name, definition }) => ({ key, name, definition }));
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">New cohort</h1>
      <p className="muted max-w-3xl text-sm">
        A new cohort goes last and follows everyone else in every release until a release gives it a percentage of its
        own, so creating it changes who gets nothing.
      </p>
      <CohortForm
        teamSlug={team}
        submit={createCohortAction}
        above={above}
        below={[]}
        readOnlyReason={roleAtLeast(access.role, "editor") ? undefined : cannotEditCohorts(access.teamName)}
      />
    </div>
  );
}

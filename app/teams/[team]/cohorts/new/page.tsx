import type { Metadata } from "next";
import { CohortForm } from "@/components/cohorts/cohort-form";
import { requirePageActor } from "@/lib/http/page-actor";
import { createCohortAction } from "../actions";

export const metadata: Metadata = { title: "New cohort" };

export default async function NewCohortPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  await requirePageActor(`/teams/${team}/cohorts/new`);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">New cohort</h1>
      <CohortForm teamSlug={team} submit={createCohortAction} />
    </div>
  );
}

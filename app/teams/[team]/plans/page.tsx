import { redirect } from "next/navigation";

/** Plans live on their release's page; what the team keeps at this level is its templates. */
export default async function PlansPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  redirect(`/teams/${team}/plans/templates`);
}

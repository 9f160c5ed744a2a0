import { redirect } from "next/navigation";
import { listMyTeams } from "@/lib/teams/list-my-teams";
import { requirePageActor } from "@/lib/http/page-actor";

export const dynamic = "force-dynamic";

export default async function Home() {
  const actor = await requirePageActor("/");
  const teams = await listMyTeams(actor.id);
  if (teams[0]) redirect(`/teams/${teams[0].slug}`);
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">You are not a member of any team yet</h1>
      <p className="muted mt-2">Ask a team admin to add {actor.name} to their team.</p>
    </main>
  );
}

import type { Metadata } from "next";
import { EmbedLinkList } from "@/components/embeds/embed-link-list";
import { roleAtLeast } from "@/lib/domain/roles";
import { listEmbedLinks } from "@/lib/embeds/list-embed-links";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { revokeEmbedLinkAction } from "./actions";

export const metadata: Metadata = { title: "Embed links" };

export default async function EmbedsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { actor, access } = await getPageTeamContext(`/teams/${team}/embeds`, team);
  const isAdmin = roleAtLeast(access.role, "admin");
  const links = await listEmbedLinks(access);
  const live = links.filter((l) => l.state === "live").length;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Embed links</h1>
        <p className="muted max-w-2xl text-sm">
          Read-only links to one release&apos;s charts in one environment, for team pages, wikis and status boards.
          Editors make them on a release page (&ldquo;Embed these charts&rdquo;); each lists the sites allowed to frame
          it.{" "}
          {isAdmin
            ? "As an admin you can revoke any of them."
            : "Admins can revoke any of them; you can revoke the ones you made."}
        </p>
      </div>
      <section className="card" aria-labelledby="embeds-heading">
        <h2 id="embeds-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
          {live} live of {links.length}
        </h2>
        <EmbedLinkList
          teamSlug={team}
          links={links}
          actorId={actor.id}
          isAdmin={isAdmin}
          showRelease
          revoke={revokeEmbedLinkAction}
        />
      </section>
    </div>
  );
}

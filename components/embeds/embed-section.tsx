import type { ComponentProps } from "react";
import type { EmbedLinkView } from "@/lib/embeds/list-embed-links";
import { CreateEmbedForm } from "./create-embed-form";
import { EmbedLinkList } from "./embed-link-list";

type Props = {
  teamSlug: string;
  release: { key: string; name: string };
  environment: { key: string; name: string };
  cohorts: { key: string; name: string }[];
  metrics: { key: string; name: string }[];
  links: EmbedLinkView[];
  origin: string;
  actorId: string;
  canCreate: boolean;
  isAdmin: boolean;
  create: ComponentProps<typeof CreateEmbedForm>["submit"];
  revoke: ComponentProps<typeof EmbedLinkList>["revoke"];
};

/** Read-only links to this release's charts, for team pages and wikis. Closed until wanted. */
export function EmbedSection(props: Props) {
  const live = props.links.filter((l) => l.state === "live").length;
  return (
    <details className="card group" aria-label="Embed these charts">
      <summary className="flex cursor-pointer list-none items-baseline justify-between gap-2 px-5 py-4">
        <span className="font-semibold">Embed these charts</span>
        <span className="muted text-xs">
          {live} live link{live === 1 ? "" : "s"} for this release{" "}
          <span aria-hidden className="ml-1 inline-block transition group-open:rotate-90">
            ▸
          </span>
        </span>
      </summary>
      <div className="space-y-4 border-t border-zinc-200 px-5 py-4 dark:border-zinc-800">
        {props.canCreate ? (
          <CreateEmbedForm
            teamSlug={props.teamSlug}
            releaseKey={props.release.key}
            releaseName={props.release.name}
            environment={props.environment}
            cohorts={props.cohorts}
            metrics={props.metrics}
            origin={props.origin}
            submit={props.create}
          />
        ) : (
          <p className="muted text-sm">Editors can make read-only links to these charts for team pages and wikis.</p>
        )}
      </div>
      <div className="border-t border-zinc-200 dark:border-zinc-800">
        <EmbedLinkList
          teamSlug={props.teamSlug}
          links={props.links}
          actorId={props.actorId}
          isAdmin={props.isAdmin}
          revoke={props.revoke}
        />
      </div>
    </details>
  );
}

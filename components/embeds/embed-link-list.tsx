import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import type { Action } from "@/lib/http/actions/action-result";
import type { RevokeEmbedLinkInput } from "@/lib/embeds/revoke-embed-link";
import type { EmbedLinkView } from "@/lib/embeds/list-embed-links";
import { RevokeEmbedButton } from "./revoke-embed-button";

type Props = {
  teamSlug: string;
  links: EmbedLinkView[];
  actorId: string;
  isAdmin: boolean;
  showRelease?: boolean;
  revoke: Action<RevokeEmbedLinkInput, { id: string }>;
};

const BADGES = {
  live: null,
  revoked: { label: "revoked", tone: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300" },
  expired: { label: "expired", tone: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
} as const;

export function EmbedLinkList({ teamSlug, links, actorId, isAdmin, showRelease, revoke }: Props) {
  if (links.length === 0) return <p className="muted px-5 py-4 text-sm">No embed links yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Embed links">
      {links.map((link) => {
        const badge = BADGES[link.state];
        return (
          <li key={link.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {link.name}
                {badge && <span className={`ml-2 rounded px-1.5 py-0.5 text-xs ${badge.tone}`}>{badge.label}</span>}
              </p>
              <p className="muted text-xs">
                <span className="font-mono">{link.prefix}</span>
                {showRelease && (
                  <>
                    {" · "}
                    <Link
                      className="hover:underline"
                      href={`/teams/${teamSlug}/releases/${link.release.key}?env=${link.environment.key}`}
                    >
                      {link.release.name}
                    </Link>
                  </>
                )}{" "}
                · {link.environment.name} · {link.range} · {link.theme} ·{" "}
                {countOr(link.cohortKeys.length, "cohort", "cohorts with data")} ·{" "}
                {countOr(link.metricKeys.length, "metric", "guardrail metrics")}
              </p>
              <p className="muted text-xs">
                Framable by {link.allowedOrigins.join(", ")} · created <RelativeTime date={link.createdAt} /> by{" "}
                {link.createdByName}
                {link.expiresAt && !link.revokedAt && (
                  <>
                    {" "}
                    · expires <RelativeTime date={link.expiresAt} />
                  </>
                )}
                {link.revokedAt && (
                  <>
                    {" "}
                    · revoked <RelativeTime date={link.revokedAt} /> by {link.revokedByName}
                  </>
                )}
              </p>
            </div>
            {!link.revokedAt && (isAdmin || link.createdById === actorId) && (
              <RevokeEmbedButton teamSlug={teamSlug} id={link.id} name={link.name} revoke={revoke} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A link that chose none shows all, including ones added later. */
function countOr(count: number, noun: string, unpinned: string) {
  if (count === 0) return unpinned;
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

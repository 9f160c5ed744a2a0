"use client";

import type { Action } from "@/lib/http/actions/action-result";
import type { ArchiveReleaseInput } from "@/lib/releases/archive-release";
import { ArchiveButton } from "@/components/common/archive-button";

type Props = {
  teamSlug: string;
  environmentKey: string;
  release: { key: string; name: string };
  /** Where it still serves users ("Production (rolling)"); archiving needs none. */
  liveIn: string[];
  archive: Action<ArchiveReleaseInput, { key: string }>;
};

/** Archive a release that serves nobody; while it is live anywhere the section says what to do first. */
export function ArchiveReleaseButton({ teamSlug, environmentKey, release, liveIn, archive }: Props) {
  if (liveIn.length) {
    return (
      <p className="muted text-sm">
        It still serves users in {liveIn.join(", ")}: roll it back there first (that never waits for approval), then
        archive it.
      </p>
    );
  }
  return (
    <ArchiveButton
      teamSlug={teamSlug}
      noun="release"
      name={release.name}
      then={`/teams/${teamSlug}/releases?env=${environmentKey}`}
      archive={async () => {
        const result = await archive({ teamSlug, releaseKey: release.key });
        return result.ok ? { ok: true, data: {} } : result;
      }}
      consequence={
        <p>
          SDKs asking for <span className="font-mono">{release.key}</span> get “flag not found” and use their default
          value — it serves nobody now, so nobody&apos;s answer changes. Pending requests for it are cancelled. You can
          restore it from the releases list.
        </p>
      }
    />
  );
}

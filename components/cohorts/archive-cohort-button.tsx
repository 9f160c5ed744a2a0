"use client";

import type { Action } from "@/lib/http/actions/action-result";
import type { ArchiveCohortInput, ArchiveCohortResult } from "@/lib/cohorts/archive-cohort";
import { ArchiveButton } from "@/components/common/archive-button";

type Props = {
  teamSlug: string;
  cohort: { key: string; name: string; version: number; explicitRollouts: number };
  archive: Action<ArchiveCohortInput, ArchiveCohortResult>;
};

/** Archive after saying what it does to who gets releases; held for approval where a policy asks. */
export function ArchiveCohortButton({ teamSlug, cohort, archive }: Props) {
  const percentages =
    cohort.explicitRollouts === 1
      ? "Its own percentage in 1 rollout goes too"
      : `Its own percentages in ${cohort.explicitRollouts} rollouts go too`;
  return (
    <ArchiveButton
      teamSlug={teamSlug}
      noun="cohort"
      name={cohort.name}
      withComment
      then={`/teams/${teamSlug}/cohorts`}
      archive={(comment) => archive({ teamSlug, cohortKey: cohort.key, expectedVersion: cohort.version, comment })}
      consequence={
        <>
          <p>
            It stops matching in every environment: its users fall to the cohorts after it, or to everyone else, and get
            what those are served.{" "}
            {cohort.explicitRollouts === 0
              ? "It has no percentages of its own."
              : `${percentages} (the audit trail keeps them).`}
          </p>
          <p className="mt-2">
            Where an approval policy would hold that, it is sent for approval instead. You can restore it later, as the
            last cohort.
          </p>
        </>
      }
    />
  );
}

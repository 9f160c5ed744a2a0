"use client";

import type { Action } from "@/lib/http/actions/action-result";
import type { RestoreCohortInput } from "@/lib/cohorts/archive-cohort";
import { RestoreButton } from "@/components/common/restore-button";

type Props = {
  teamSlug: string;
  cohort: { key: string; name: string };
  restore: Action<RestoreCohortInput, { key: string }>;
};

export function RestoreCohortButton({ teamSlug, cohort, restore }: Props) {
  return <RestoreButton name={cohort.name} restore={restore} input={{ teamSlug, cohortKey: cohort.key }} />;
}

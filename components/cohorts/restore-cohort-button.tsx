"use client";

import type { ActionResult } from "@/lib/http/actions/action-result";
import { RestoreButton } from "@/components/common/restore-button";

type Props = { teamSlug: string; cohort: { key: string; name: string }; restore: (input: { teamSlug: string; cohortKey: string }) => Promise<ActionResult<{ key: string }>> };

export function RestoreCohortButton({ teamSlug, cohort, restore }: Props) {
  return <RestoreButton name={cohort.name} restore={() => restore({ teamSlug, cohortKey: cohort.key })} />;
}

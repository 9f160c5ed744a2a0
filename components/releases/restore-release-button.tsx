"use client";

import type { ActionResult } from "@/lib/http/actions/action-result";
import { RestoreButton } from "@/components/common/restore-button";

type Props = { teamSlug: string; release: { key: string; name: string }; restore: (input: { teamSlug: string; releaseKey: string }) => Promise<ActionResult<{ key: string }>> };

export function RestoreReleaseButton({ teamSlug, release, restore }: Props) {
  return <RestoreButton name={release.name} restore={() => restore({ teamSlug, releaseKey: release.key })} />;
}

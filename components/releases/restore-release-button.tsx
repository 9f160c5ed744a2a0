"use client";

import type { Action } from "@/lib/http/actions/action-result";
import type { ArchiveReleaseInput } from "@/lib/releases/archive-release";
import { RestoreButton } from "@/components/common/restore-button";

type Props = {
  teamSlug: string;
  release: { key: string; name: string };
  restore: Action<ArchiveReleaseInput, { key: string }>;
};

export function RestoreReleaseButton({ teamSlug, release, restore }: Props) {
  return <RestoreButton name={release.name} restore={restore} input={{ teamSlug, releaseKey: release.key }} />;
}

import { z } from "zod";
import { RELEASE_STATUSES, type ReleaseStatus } from "./rollout-state";

export const RELEASE_SORTS = ["changed", "name", "status"] as const;
export type ReleaseSort = (typeof RELEASE_SORTS)[number];

export const RELEASE_SORT_LABELS: Record<ReleaseSort, string> = {
  changed: "Last change",
  name: "Name",
  status: "Status",
};

/** `owner=none`: releases nobody owns. */
export const NO_OWNER = "none";

/**
 * The releases list's filters as they arrive in the URL (?q=&status=&owner=&sort=); the
 * environment is chosen apart (?env=). Shared by the page (lenient) and the REST API (strict).
 */
export const releaseListQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  status: z.enum(RELEASE_STATUSES),
  owner: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a member id"),
  sort: z.enum(RELEASE_SORTS),
});
export type ReleaseListQuery = Partial<z.output<typeof releaseListQuerySchema>>;

type Listed = { key: string; name: string; status: ReleaseStatus; ownerId: string | null; updatedAt: Date };

// What needs a look first: live ones, then stopped ones, then what is not started, then done.
const STATUS_ORDER: Record<ReleaseStatus, number> = { rolling: 0, paused: 1, rolled_back: 2, draft: 3, promoted: 4 };

/** Case- and accent-insensitive, so "cafe" finds "Café" whatever the database's collation. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .toLocaleLowerCase("en");
}

const byName = <T extends Listed>(a: T, b: T) => a.name.localeCompare(b.name, "en", { sensitivity: "base" });
const byChange = <T extends Listed>(a: T, b: T) => b.updatedAt.getTime() - a.updatedAt.getTime();

const COMPARE: Record<ReleaseSort, <T extends Listed>(a: T, b: T) => number> = {
  changed: (a, b) => byChange(a, b) || byName(a, b),
  name: (a, b) => byName(a, b) || a.key.localeCompare(b.key),
  status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byChange(a, b),
};

/** The releases matching every filter given, in the order asked for (default: last change first). */
export function filterReleases<T extends Listed>(releases: readonly T[], query: ReleaseListQuery): T[] {
  const words = query.q ? fold(query.q).split(/\s+/).filter(Boolean) : [];
  return releases
    .filter((r) => {
      if (query.status && r.status !== query.status) return false;
      if (query.owner && (query.owner === NO_OWNER ? r.ownerId !== null : r.ownerId !== query.owner)) return false;
      const text = fold(`${r.name} ${r.key}`);
      return words.every((word) => text.includes(word));
    })
    .sort(COMPARE[query.sort ?? "changed"]);
}

/** True when any filter narrows the list (sorting does not). */
export function isFiltered(query: ReleaseListQuery): boolean {
  return Boolean(query.q || query.status || query.owner);
}

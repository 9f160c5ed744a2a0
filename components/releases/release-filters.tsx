import Link from "next/link";
import { FilterForm } from "@/components/common/filter-form";
import { NO_OWNER, RELEASE_SORTS, RELEASE_SORT_LABELS, type ReleaseListQuery } from "@/lib/domain/release-list-filter";
import { RELEASE_STATUSES, STATUS_LABELS } from "@/lib/domain/rollout-state";

type Props = {
  action: string;
  environmentKey: string;
  query: ReleaseListQuery;
  owners: { id: string; name: string }[];
  /** Where "Clear filters" goes (same environment, nothing else); absent when nothing is filtered. */
  clearHref?: string;
};

/** Search, status, owner and order of the releases list; the environment is the tabs' job. */
export function ReleaseFilters({ action, environmentKey, query, owners, clearHref }: Props) {
  return (
    <FilterForm key={JSON.stringify(query)} action={action} label="Find releases">
      <input type="hidden" name="env" value={environmentKey} />
      <div className="min-w-48 flex-[2_1_14rem]">
        <label htmlFor="release-q" className="label">
          Search
        </label>
        <input
          id="release-q"
          name="q"
          type="search"
          className="input"
          defaultValue={query.q ?? ""}
          placeholder="Name or key"
          maxLength={100}
          autoComplete="off"
        />
      </div>
      <div className="flex-[1_1_9rem]">
        <label htmlFor="release-status" className="label">
          Status
        </label>
        <select id="release-status" name="status" className="input" defaultValue={query.status ?? ""}>
          <option value="">Any status</option>
          {RELEASE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex-[1_1_9rem]">
        <label htmlFor="release-owner" className="label">
          Owner
        </label>
        <select id="release-owner" name="owner" className="input" defaultValue={query.owner ?? ""}>
          <option value="">Anyone</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
          <option value={NO_OWNER}>Nobody</option>
        </select>
      </div>
      <div className="flex-[1_1_8rem]">
        <label htmlFor="release-sort" className="label">
          Sort by
        </label>
        <select
          id="release-sort"
          name="sort"
          className="input"
          defaultValue={query.sort === "changed" ? "" : (query.sort ?? "")}
        >
          {RELEASE_SORTS.map((sort) => (
            // The default order stays out of the URL.
            <option key={sort} value={sort === "changed" ? "" : sort}>
              {RELEASE_SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-secondary">
          Search
        </button>
        {clearHref && (
          <Link href={clearHref} className="text-sm underline underline-offset-2">
            Clear filters
          </Link>
        )}
      </div>
    </FilterForm>
  );
}

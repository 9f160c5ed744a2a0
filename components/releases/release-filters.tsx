import { FilterActions, FilterField, FilterForm } from "@/components/common/filter-form";
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
      <FilterField id="release-q" label="Search" className="min-w-48 flex-[2_1_14rem]">
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
      </FilterField>
      <FilterField id="release-status" label="Status" className="flex-[1_1_9rem]">
        <select id="release-status" name="status" className="input" defaultValue={query.status ?? ""}>
          <option value="">Any status</option>
          {RELEASE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="release-owner" label="Owner" className="flex-[1_1_9rem]">
        <select id="release-owner" name="owner" className="input" defaultValue={query.owner ?? ""}>
          <option value="">Anyone</option>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
          <option value={NO_OWNER}>Nobody</option>
        </select>
      </FilterField>
      <FilterField id="release-sort" label="Sort by" className="flex-[1_1_8rem]">
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
      </FilterField>
      <FilterActions submitLabel="Search" clearHref={clearHref} />
    </FilterForm>
  );
}

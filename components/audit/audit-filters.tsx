import { FilterActions, FilterField, FilterForm } from "@/components/common/filter-form";
import type { AuditQuery } from "@/lib/audit/audit-query";
import { actorDisplayName, AUDIT_KIND_GROUPS, auditKindLabel, isAuditKind } from "@/lib/domain/audit-kinds";

type Props = {
  action: string;
  query: AuditQuery;
  releases: { key: string; name: string; archived: boolean }[];
  actors: { id: string; name: string }[];
  /** Where "Clear filters" goes; absent when nothing is filtered. */
  clearHref?: string;
};

/** Release, actor, kind (in words) and days of the audit log. Paging starts over on any change. */
export function AuditFilters({ action, query, releases, actors, clearHref }: Props) {
  return (
    <FilterForm key={JSON.stringify(query)} action={action} label="Filter the audit log">
      <FilterField id="audit-release" label="Release" className="flex-[1_1_11rem]">
        <select id="audit-release" name="release" className="input" defaultValue={query.release ?? ""}>
          <option value="">Any release</option>
          {releases.map((release) => (
            <option key={release.key} value={release.key}>
              {release.name}
              {release.archived ? " (archived)" : ""}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="audit-actor" label="Who" className="flex-[1_1_10rem]">
        <select id="audit-actor" name="actor" className="input" defaultValue={query.actor ?? ""}>
          <option value="">Anyone</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actorDisplayName(actor.name)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="audit-kind" label="Kind of change" className="flex-[1_1_12rem]">
        <select id="audit-kind" name="kind" className="input" defaultValue={query.kind ?? ""}>
          <option value="">Any change</option>
          {query.kind && !isAuditKind(query.kind) && <option value={query.kind}>{auditKindLabel(query.kind)}</option>}
          {AUDIT_KIND_GROUPS.map(({ group, kinds }) => (
            <optgroup key={group} label={group}>
              {Object.entries(kinds).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </FilterField>
      <fieldset className="flex flex-[1_1_16rem] gap-2">
        <legend className="sr-only">Days (UTC), both included</legend>
        <div className="flex-1">
          <label htmlFor="audit-from" className="label">
            From <span className="muted font-normal">(UTC)</span>
          </label>
          <input id="audit-from" name="from" type="date" className="input" defaultValue={query.from ?? ""} />
        </div>
        <div className="flex-1">
          <label htmlFor="audit-to" className="label">
            To <span className="muted font-normal">(UTC)</span>
          </label>
          <input id="audit-to" name="to" type="date" className="input" defaultValue={query.to ?? ""} />
        </div>
      </fieldset>
      <FilterActions submitLabel="Apply" clearHref={clearHref} />
    </FilterForm>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditPager } from "@/components/audit/audit-pager";
import { AuditTrail } from "@/components/audit/audit-trail";
import { IgnoredFilters } from "@/components/common/filter-form";
import { AUDIT_PAGE_SIZE, auditQuerySchema, type AuditQuery } from "@/lib/audit/audit-query";
import { listAuditPage } from "@/lib/audit/list-audit-page";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { parseQueryLeniently, type RawQuery } from "@/lib/validation/parse-query";

export const metadata: Metadata = { title: "Audit log" };

const FIELD_NAMES: Record<keyof AuditQuery, string> = {
  release: "release",
  actor: "person",
  kind: "kind of change",
  from: "first day",
  to: "last day",
  after: "page",
};

function hrefWith(base: string, query: AuditQuery): string {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

type Props = { params: Promise<{ team: string }>; searchParams: Promise<RawQuery> };

export default async function AuditPage({ params, searchParams }: Props) {
  const [{ team }, raw] = await Promise.all([params, searchParams]);
  const base = `/teams/${team}/audit`;
  const { access } = await getPageTeamContext(base, team);
  const parsed = parseQueryLeniently(auditQuerySchema, raw);
  const page = await listAuditPage(access, parsed.query);
  const { after, ...filters } = page.applied;
  const filtered = Object.keys(filters).length > 0;
  const ignored = [...new Set([...parsed.ignored, ...page.ignored])];
  const notes = ignored.map((field) =>
    field === "from" || field === "to"
      ? "Ignored the days in the link: the first day is after the last."
      : field === "after"
        ? "Ignored the page in the link: showing the newest entries."
        : `Ignored the ${FIELD_NAMES[field as keyof AuditQuery] ?? field} in the link (“${String(raw[field]).slice(0, 40)}”): it is not one of the choices below.`,
  );
  const shownFrom = page.entries.length > 0 ? 1 : 0;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="muted text-sm">
          Every change in {access.teamName}, newest first, with who made it, {AUDIT_PAGE_SIZE} at a time.
        </p>
      </div>
      <AuditFilters
        action={base}
        query={{ ...filters, ...(parsed.query.kind && { kind: parsed.query.kind }) }}
        releases={page.releases}
        actors={page.actors}
        clearHref={filtered ? base : undefined}
      />
      <IgnoredFilters notes={notes} />
      <AuditTrail
        entries={page.entries}
        title={
          <>
            {filtered ? "Matching changes" : "All changes"}{" "}
            <span className="muted text-sm font-normal" data-testid="audit-count">
              {page.total === 0
                ? "(none)"
                : after
                  ? `(older entries, ${page.total} in all)`
                  : `(${shownFrom}–${page.entries.length} of ${page.total})`}
            </span>
          </>
        }
        emptyText={
          filtered ? (
            <>
              No change matches these filters.{" "}
              <Link href={base} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
                Clear filters
              </Link>
            </>
          ) : (
            "No changes yet."
          )
        }
      />
      <AuditPager
        newestHref={after ? hrefWith(base, filters) : undefined}
        olderHref={page.next ? hrefWith(base, { ...filters, after: page.next }) : undefined}
      />
    </div>
  );
}

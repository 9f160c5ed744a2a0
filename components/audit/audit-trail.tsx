import Link from "next/link";
import type { ReactNode } from "react";
import type { AuditEntry } from "@/lib/audit/list-audit-events";
import { RelativeTime } from "@/components/common/relative-time";
import { actorDisplayName, auditKindLabel } from "@/lib/domain/audit-kinds";
import { AuditChange } from "./audit-change";

export function AuditTrail({
  entries,
  title = "Audit trail",
  emptyText = "No changes yet.",
  more,
}: {
  entries: AuditEntry[];
  title?: ReactNode;
  emptyText?: ReactNode;
  /** A link under the trail to the rest of it in the audit log (filtered to what this trail is about). */
  more?: { href: string; label: string };
}) {
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
        {title}
      </h2>
      {entries.length === 0 ? (
        <p className="muted px-5 py-6 text-sm">{emptyText}</p>
      ) : (
        <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Audit events">
          {entries.map((entry) => (
            <li key={entry.id} className="flex gap-3 px-5 py-3" data-action={entry.action}>
              <span
                aria-hidden
                className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700 dark:bg-brand-700 dark:text-white"
              >
                {actorDisplayName(entry.actorName).slice(0, 1).toUpperCase()}
              </span>
              <div className="min-w-0 flex-1">
                <p className="text-sm">
                  <span className="font-medium">{actorDisplayName(entry.actorName)}</span> <span>{entry.summary}</span>
                </p>
                <AuditChange before={entry.before} after={entry.after} />
                <p className="muted mt-0.5 text-xs">
                  <RelativeTime date={entry.createdAt} />
                  {entry.environmentName ? ` · ${entry.environmentName}` : ""} ·{" "}
                  <span title={entry.action} data-testid="audit-kind">
                    {auditKindLabel(entry.action)}
                  </span>
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      {more && (
        <p className="border-t border-zinc-200 px-5 py-3 text-right text-sm dark:border-zinc-800">
          <Link href={more.href} className="text-brand-700 underline underline-offset-2 dark:text-brand-100">
            {more.label}
          </Link>
        </p>
      )}
    </section>
  );
}

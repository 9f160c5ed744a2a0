import Link from "next/link";

/**
 * Newest-first paging of the audit log: "Older entries" continues after the last entry shown
 * (a cursor in the URL, so the back button returns to the newer page); "Newest" starts over.
 */
export function AuditPager({ newestHref, olderHref }: { newestHref?: string; olderHref?: string }) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-3">
      {newestHref ? (
        <Link href={newestHref} className="btn-secondary">
          ← Newest entries
        </Link>
      ) : (
        <span />
      )}
      {olderHref && (
        <Link href={olderHref} rel="next" className="btn-secondary">
          Older entries →
        </Link>
      )}
    </nav>
  );
}

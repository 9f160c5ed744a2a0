import type { ReactNode } from "react";

/** The folded "Archived …" list under a page's live items; each child is one `<li>`. */
export function ArchivedList({ label, count, children }: { label: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <details className="card">
      <summary className="cursor-pointer px-5 py-3 text-sm font-medium">
        {label} ({count})
      </summary>
      <ul
        className="divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800"
        aria-label={label}
      >
        {children}
      </ul>
    </details>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

/**
 * A list's filters as a plain GET form: the filters live in the URL (shareable, the back button
 * steps through them) and it works without JavaScript. With it, choosing from a menu or a date
 * applies at once, text applies on Enter or the button, and empty fields stay out of the URL.
 * Give it a `key` from the filters in the URL: the fields are uncontrolled, so Back (or a link)
 * shows the filters of the page it lands on only if the form starts afresh.
 */
export function FilterForm({ action, label, children }: { action: string; label: string; children: ReactNode }) {
  const router = useRouter();
  return (
    <form
      action={action}
      method="get"
      role="search"
      aria-label={label}
      className="card flex flex-wrap items-end gap-3 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const [name, value] of new FormData(event.currentTarget))
          if (typeof value === "string" && value.trim() !== "") params.append(name, value);
        const search = params.toString();
        router.push(search ? `${action}?${search}` : action);
      }}
      onChange={(event) => {
        const target = event.target as HTMLElement;
        if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === "date"))
          event.currentTarget.requestSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** "Ignored …" under a filter form: a value in the URL that is not one the list knows. */
export function IgnoredFilters({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <p
      role="status"
      className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      {notes.join(" ")}
    </p>
  );
}

/** One labelled filter; `className` sizes it in the form's wrapping row. */
export function FilterField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The form's button and, when anything is filtered, the way back to the whole list. */
export function FilterActions({ submitLabel, clearHref }: { submitLabel: string; clearHref?: string }) {
  return (
    <div className="flex items-center gap-3">
      <button type="submit" className="btn-secondary">
        {submitLabel}
      </button>
      {clearHref && (
        <Link href={clearHref} className="text-sm underline underline-offset-2">
          Clear filters
        </Link>
      )}
    </div>
  );
}

import Link from "next/link";
import clsx from "clsx";
import { pageWindow } from "@/lib/pagination/page-window";

type Props = {
  page: number;
  pageCount: number;
  /** Path without query; `query` is kept on every link (e.g. the environment). */
  basePath: string;
  query?: Record<string, string>;
  label?: string;
};

const LINK = "inline-flex min-w-8 items-center justify-center rounded-md px-2 py-1 text-sm";

/** Server-rendered page links kept in the URL (?page=), so a page can be shared. */
export function Pagination({ page, pageCount, basePath, query = {}, label = "Pagination" }: Props) {
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(query);
    if (p > 1) params.set("page", String(p));
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  const edge = (p: number, text: string, rel: "prev" | "next", enabled: boolean) =>
    enabled ? (
      <Link
        href={href(p)}
        rel={rel}
        className={clsx(LINK, "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800")}
      >
        {text}
      </Link>
    ) : (
      <span aria-disabled="true" className={clsx(LINK, "text-zinc-400 dark:text-zinc-600")}>
        {text}
      </span>
    );
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-center gap-1">
      {edge(page - 1, "← Previous", "prev", page > 1)}
      {pageWindow(page, pageCount).map((p, i) =>
        p === "gap" ? (
          <span key={`gap-${i}`} aria-hidden className="muted px-1">
            …
          </span>
        ) : (
          <Link
            key={p}
            href={href(p)}
            aria-label={`Page ${p}`}
            aria-current={p === page ? "page" : undefined}
            className={clsx(
              LINK,
              p === page
                ? "bg-brand-600 font-medium text-white"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
            )}
          >
            {p}
          </Link>
        ),
      )}
      {edge(page + 1, "Next →", "next", page < pageCount)}
    </nav>
  );
}

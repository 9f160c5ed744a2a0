import type { ReactNode } from "react";

/** Same height as a chart, so switching states never moves the page. */
export function ChartMessage({ children, tone = "muted" }: { children: ReactNode; tone?: "muted" | "error" }) {
  return tone === "error" ? (
    <div
      role="alert"
      className="flex h-40 items-center justify-center rounded-lg bg-red-50 px-3 text-center text-sm text-red-700 dark:bg-red-950/60 dark:text-red-300"
    >
      <p>{children}</p>
    </div>
  ) : (
    <div className="flex h-40 items-center justify-center rounded-lg border border-dashed border-zinc-200 px-3 text-center dark:border-zinc-800">
      <p className="muted text-sm">{children}</p>
    </div>
  );
}

/** A chart card: title, subtitle with unit and direction, optional control on the right. */
export function ChartCard({
  title,
  subtitle,
  control,
  children,
}: {
  title: string;
  subtitle: ReactNode;
  control?: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="min-w-0 space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">{title}</p>
          <p className="muted text-xs">{subtitle}</p>
        </div>
        {control}
      </figcaption>
      {children}
    </figure>
  );
}

export function MetricsSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading metrics" className="space-y-4">
      {[0, 1].map((panel) => (
        <div key={panel} className="card animate-pulse space-y-3 p-4">
          <div className="h-4 w-40 rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {[0, 1, 2].map((chart) => (
              <div key={chart} className="h-52 rounded-lg bg-zinc-100 dark:bg-zinc-800/60" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

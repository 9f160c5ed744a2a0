import Link from "next/link";
import clsx from "clsx";

type Environment = { key: string; name: string };

/** Environment switch kept in the URL (?env=), so a view can be shared as a link. */
export function EnvironmentTabs({
  environments,
  current,
  basePath,
}: {
  environments: Environment[];
  current: string;
  basePath: string;
}) {
  return (
    <nav
      aria-label="Environment"
      className="inline-flex rounded-lg border border-zinc-200 bg-white p-0.5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {environments.map((env) => (
        <Link
          key={env.key}
          href={`${basePath}?env=${env.key}`}
          aria-current={env.key === current ? "page" : undefined}
          className={clsx(
            "rounded-md px-3 py-1 text-sm",
            env.key === current
              ? "bg-brand-600 font-medium text-white"
              : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
          )}
        >
          {env.name}
        </Link>
      ))}
    </nav>
  );
}

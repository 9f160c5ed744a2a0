"use client";

import Link from "next/link";
import clsx from "clsx";
import { environmentCookieString } from "@/lib/domain/remembered-environment";

type Environment = { key: string; name: string };

/** Production is where changes reach real users: it stands out in every switcher. */
function isProductionEnvironment(environment: { key: string }): boolean {
  return environment.key === "production";
}

/**
 * Environment switch kept in the URL (?env=), so a view can be shared as a link; the choice is
 * also remembered for the team's other pages (lib/domain/remembered-environment.ts), written
 * before the navigation starts so the next page asked for already opens in it. `query` is
 * kept on every tab (a list's filters). Production is marked by colour and by a label, never by
 * colour alone.
 */
export function EnvironmentTabs({
  environments,
  current,
  basePath,
  query = {},
}: {
  environments: Environment[];
  current: string;
  basePath: string;
  query?: Record<string, string>;
}) {
  const href = (key: string) => `${basePath}?${new URLSearchParams({ ...query, env: key }).toString()}`;
  return (
    <nav
      aria-label="Environment"
      className="inline-flex max-w-full flex-wrap rounded-lg border border-zinc-200 bg-white p-0.5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {environments.map((env) => {
        const active = env.key === current;
        const production = isProductionEnvironment(env);
        return (
          <Link
            key={env.key}
            href={href(env.key)}
            aria-current={active ? "page" : undefined}
            data-production={production || undefined}
            onClick={() => {
              const cookie = environmentCookieString(basePath, env.key);
              if (cookie) document.cookie = cookie;
            }}
            className={clsx(
              "inline-flex items-center gap-1.5 rounded-md px-3 py-1 text-sm",
              active && production && "bg-red-700 font-medium text-white",
              active && !production && "bg-brand-600 font-medium text-white",
              !active && "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
            )}
          >
            {production && (
              <span
                aria-hidden
                className={clsx("size-2 rounded-full", active ? "bg-white" : "bg-red-600 dark:bg-red-400")}
              />
            )}
            {env.name}
            {production && active && (
              <span className="rounded px-1 text-[0.6875rem] font-semibold uppercase tracking-wide ring-1 ring-inset ring-white/70">
                live
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}

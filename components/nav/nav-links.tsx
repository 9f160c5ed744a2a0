"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import clsx from "clsx";

type NavLink = { href: string; label: string; exact?: boolean; badge?: { count: number; label: string } };

export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // The links have a row of their own and scroll sideways where it is too narrow: bring the
  // current page (and its badge) into view.
  useEffect(() => {
    const active = nav.current?.querySelector('[aria-current="page"]');
    if (!nav.current || !active) return;
    const box = nav.current.getBoundingClientRect();
    const link = active.getBoundingClientRect();
    if (link.left < box.left || link.right > box.right) nav.current.scrollLeft += link.left - box.left - 16;
  }, [pathname]);
  return (
    <nav ref={nav} aria-label="Team" className="order-last -ml-2.5 flex w-full gap-1 overflow-x-auto text-sm">
      {links.map((link) => {
        const active = link.exact ? pathname === link.href : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={clsx(
              "whitespace-nowrap rounded-md px-2.5 py-1.5",
              active
                ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-white"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
            )}
          >
            {link.label}
            {link.badge && (
              <span
                aria-label={link.badge.label}
                className="ml-1.5 rounded-full bg-amber-500 px-1.5 py-0.5 text-xs font-semibold tabular-nums text-white"
              >
                {link.badge.count}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}

"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import clsx from "clsx";

/**
 * From which width a link sits in the row; below it, it is under "More". Overview, Releases and
 * Approvals (with its badge) always fit, down to 320 px.
 */
export type NavPriority = "always" | "sm" | "lg" | "xl";

export type NavLink = {
  href: string;
  label: string;
  exact?: boolean;
  priority: NavPriority;
  badge?: { count: number; label: string };
};

// Whole class names, so Tailwind finds them: [in the row, in the More list].
const VISIBILITY: Record<NavPriority, [string, string]> = {
  always: ["inline-flex", "hidden"],
  sm: ["hidden sm:inline-flex", "sm:hidden"],
  lg: ["hidden lg:inline-flex", "lg:hidden"],
  xl: ["hidden xl:inline-flex", "xl:hidden"],
};

export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  const isActive = (link: NavLink) => (link.exact ? pathname === link.href : pathname.startsWith(link.href));
  const overflow = links.filter((link) => link.priority !== "always");
  return (
    <nav aria-label="Team" className="order-last -ml-2 flex w-full flex-wrap items-center gap-0.5 text-sm">
      {links.map((link) => (
        <NavItem key={link.href} link={link} active={isActive(link)} className={VISIBILITY[link.priority][0]} />
      ))}
      {overflow.length > 0 && (
        <MoreMenu pathname={pathname}>
          {overflow.map((link) => (
            <li key={link.href} className={VISIBILITY[link.priority][1]}>
              <NavItem link={link} active={isActive(link)} className="flex w-full" />
            </li>
          ))}
        </MoreMenu>
      )}
    </nav>
  );
}

function NavItem({ link, active, className }: { link: NavLink; active: boolean; className: string }) {
  return (
    <Link
      href={link.href}
      aria-current={active ? "page" : undefined}
      className={clsx(
        "items-center whitespace-nowrap rounded-md px-2 py-1.5",
        className,
        active
          ? "bg-zinc-100 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-white"
          : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
      )}
    >
      {link.label}
      {link.badge && (
        <span
          aria-label={link.badge.label}
          className="ml-1.5 rounded-full bg-amber-700 px-1.5 py-0.5 text-xs font-semibold tabular-nums text-white"
        >
          {link.badge.count}
        </span>
      )}
    </Link>
  );
}

/**
 * A disclosure (not an ARIA menu: these are links, read and tabbed through as links). Escape
 * and a click elsewhere close it; Escape gives focus back to the button.
 */
function MoreMenu({ pathname, children }: { pathname: string; children: ReactNode }) {
  // Open on the page where it was opened: following one of its links closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = () => setOpenOn(null);
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      close();
      button.current?.focus();
    }
    function onPointerDown(event: PointerEvent) {
      if (!root.current?.contains(event.target as Node)) close();
    }
    function onFocusIn(event: FocusEvent) {
      if (!root.current?.contains(event.target as Node)) close();
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("focusin", onFocusIn);
    };
  }, [open]);

  return (
    <div ref={root} className="relative xl:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-1.5 text-zinc-600 hover:bg-zinc-100 aria-expanded:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:aria-expanded:bg-zinc-800"
      >
        More
        <span aria-hidden className="text-xs">
          ▾
        </span>
      </button>
      <ul id={listId} hidden={!open} className="card absolute right-0 z-30 mt-1 w-52 space-y-0.5 p-1.5 shadow-lg">
        {children}
      </ul>
    </div>
  );
}

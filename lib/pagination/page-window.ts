/** Page numbers a pager shows: the first, the last and two either side of the current one; "gap" where some are left out. */
export function pageWindow(page: number, pageCount: number): (number | "gap")[] {
  const shown = new Set(
    [1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pageCount),
  );
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const [i, p] of sorted.entries()) {
    const previous = sorted[i - 1];
    // A gap of a single page shows that page: "…" would take the same room.
    if (previous !== undefined && p - previous === 2) out.push(previous + 1);
    else if (previous !== undefined && p - previous > 2) out.push("gap");
    out.push(p);
  }
  return out;
}

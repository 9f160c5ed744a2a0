import { formatBasisPoints } from "@/lib/domain/percent";
import type { RolloutChange } from "@/lib/releases/rollout-diff";

function show(bp: number | null, fallback: number) {
  return bp === null ? `${formatBasisPoints(fallback)} (everyone else)` : formatBasisPoints(bp);
}

/** Old → new per cohort, before anything is saved. */
export function ChangePreview({ changes, savedDefault, draftDefault }: { changes: RolloutChange[]; savedDefault: number; draftDefault: number }) {
  return (
    <ul aria-label="Pending changes" className="space-y-1 text-sm">
      {changes.map((c) => {
        const before = c.from ?? savedDefault;
        const after = c.to ?? draftDefault;
        const up = after > before;
        return (
          <li key={c.key} className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-medium">{c.name}</span>
            <span className="tabular-nums">
              <span className="muted">{show(c.from, savedDefault)}</span> → <span className="font-semibold">{show(c.to, draftDefault)}</span>
            </span>
            {after !== before && (
              <span className={up ? "text-xs text-sky-700 dark:text-sky-300" : "text-xs text-amber-700 dark:text-amber-300"}>
                {up ? "more users get it" : "fewer users get it"}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

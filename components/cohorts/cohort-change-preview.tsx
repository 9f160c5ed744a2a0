import type { CohortChangePreview, PreviewRollout } from "@/lib/cohorts/preview-cohort-change";
import { formatBasisPoints } from "@/lib/domain/percent";

const count = new Intl.NumberFormat("en-US");

function users(n: number): string {
  return `${count.format(n)} user${n === 1 ? "" : "s"}`;
}

function effect(rollout: PreviewRollout): string {
  if (rollout.usersGaining === null || rollout.usersLosing === null)
    return "How many users: unknown (no evaluations of this release recorded here in the last 24 h)";
  const exact = rollout.moves.every((m) => m.allMove);
  const prefix = exact ? "≈ " : "up to ≈ ";
  const parts = [
    rollout.usersGaining > 0 ? `${prefix}${users(rollout.usersGaining)} would start getting it` : "",
    rollout.usersLosing > 0 ? `${prefix}${users(rollout.usersLosing)} would stop getting it` : "",
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : "No users seen in the last 24 h would start or stop getting it";
}

/** What a cohort change does, shown before it is saved: the same judgement the save runs. */
export function CohortChangePreviewPanel({ preview, label }: { preview: CohortChangePreview; label: string }) {
  return (
    <section
      aria-label={label}
      className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm [overflow-wrap:anywhere] dark:border-zinc-700 dark:bg-zinc-900"
    >
      {preview.change.length > 0 && (
        <ul className="space-y-0.5" aria-label="The change">
          {preview.change.map((line) => (
            <li key={line} className="font-medium">
              {line}
            </li>
          ))}
        </ul>
      )}
      {preview.affected.length === 0 ? (
        <p>
          {preview.usersMove
            ? "No live release serves the users who would move any differently: nobody starts or stops getting a release."
            : preview.change.length === 0
              ? "Who is in the cohort stays the same: nobody starts or stops getting a release."
              : "Nobody moves between cohorts (the rules rule it out), so nobody starts or stops getting a release."}
        </p>
      ) : (
        <div className="space-y-2">
          <p>
            Changes who gets{" "}
            {preview.affected.length === 1 ? "1 live release" : `${preview.affected.length} live releases`}:
          </p>
          <ul className="space-y-2" aria-label="Releases affected">
            {preview.affected.map((rollout) => (
              <li
                key={`${rollout.releaseKey}:${rollout.environmentKey}`}
                className="rounded-md border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-950"
              >
                <p className="font-medium">
                  {rollout.releaseName} <span className="muted font-normal">in {rollout.environmentName}</span>
                </p>
                <ul className="muted text-xs">
                  {rollout.moves.map((m) => (
                    <li key={`${m.from}>${m.to}`}>
                      {m.allMove ? "Users" : "Some users"} of {m.from} ({formatBasisPoints(m.fromBasisPoints)}) move to{" "}
                      {m.to} ({formatBasisPoints(m.toBasisPoints)})
                      {m.usersSeen !== null && ` · ${users(m.usersSeen)} seen in ${m.from} in 24 h`}
                    </li>
                  ))}
                </ul>
                <p className="mt-1">{effect(rollout)}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.heldBecause.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
          <p className="font-medium">Needs approval: saving sends it to an approver; nothing changes until then.</p>
          <ul className="list-disc pl-5">
            {preview.heldBecause.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.warnings.length > 0 && (
        <ul className="space-y-1 text-amber-800 dark:text-amber-200" aria-label="Warnings">
          {preview.warnings.map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      )}
      <details className="muted text-xs">
        <summary className="cursor-pointer">How users are counted</summary>
        <p className="mt-1">{preview.estimatedFrom}</p>
      </details>
    </section>
  );
}

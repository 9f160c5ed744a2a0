import { formatBasisPoints } from "@/lib/domain/percent";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";

// A cohort without its own percentage serves whatever everyone else gets.
const side = (bp: number | null) => (bp === null ? "as everyone else" : formatBasisPoints(bp));

/** Old → new per cohort ("everyone else" spelled out), or the command for status changes. */
export function RequestChanges({ request }: { request: ChangeRequestView }) {
  if (request.kind !== "set_rollout") return <p className="text-sm font-semibold">{request.summary}</p>;
  return (
    <table className="text-sm">
      <caption className="sr-only">What changes, old → new</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Now → requested</th>
        </tr>
      </thead>
      <tbody>
        {request.changes.map((c) => {
          const known = c.from !== null && c.to !== null;
          const up = known && c.to! > c.from!;
          return (
            <tr key={c.key}>
              <th scope="row" className="py-0.5 pr-4 text-left font-medium">
                {c.name}
              </th>
              <td className="py-0.5 tabular-nums">
                <span className="muted">{side(c.from)}</span> → <span className="font-semibold">{side(c.to)}</span>
                {known && (
                  <span
                    className={
                      up
                        ? "ml-2 text-xs text-sky-700 dark:text-sky-300"
                        : "ml-2 text-xs text-amber-700 dark:text-amber-300"
                    }
                  >
                    {up ? "more users get it" : "fewer users get it"}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

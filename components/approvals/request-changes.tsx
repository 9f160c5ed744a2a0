import { formatBasisPoints } from "@/lib/domain/percent";
import type { ChangeRequestView } from "@/lib/approvals/change-request-view";

/** Old → new per cohort ("everyone else" spelled out), or the command for status changes. */
export function RequestChanges({ request }: { request: ChangeRequestView }) {
  if (request.kind !== "set_rollout") return <p className="text-sm font-medium">{request.summary}</p>;
  const side = (bp: number | null) => (bp === null ? "everyone else's" : formatBasisPoints(bp));
  return (
    <table className="text-sm">
      <caption className="sr-only">What changes</caption>
      <tbody>
        {request.changes.map((c) => (
          <tr key={c.key}>
            <th scope="row" className="pr-4 text-left font-medium">
              {c.name}
            </th>
            <td className="tabular-nums">
              <span className="muted">{side(c.from)}</span> → <span className="font-semibold">{side(c.to)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

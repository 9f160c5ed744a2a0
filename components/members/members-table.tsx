import type { ReactNode } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import type { TeamMember } from "@/lib/members/list-team-members";
import { RoleBadge } from "./role-badge";

export type MemberRowData = TeamMember;

type Props = {
  members: MemberRowData[];
  currentUserId: string;
  /** For admins: the role cell's control and the row's remove button; read-only without. */
  roleControl?: (member: MemberRowData) => ReactNode;
  rowActions?: (member: MemberRowData) => ReactNode;
};

export function MembersTable({ members, currentUserId, roleControl, rowActions }: Props) {
  return (
    <table className="w-full text-left text-sm" aria-label="Members">
      <thead className="muted hidden border-b border-zinc-200 text-xs uppercase tracking-wide sm:table-header-group dark:border-zinc-800">
        <tr>
          <th scope="col" className="px-5 py-2 font-medium">
            Member
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Role
          </th>
          <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
            Since
          </th>
          {rowActions && (
            <th scope="col" className="px-5 py-2 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {members.map((member) => (
          // Below sm each row is a card: who on the first line, role and actions on the next.
          <tr
            key={member.membershipId}
            data-testid="member-row"
            data-email={member.email}
            className="flex flex-wrap items-start gap-x-3 gap-y-2 px-5 py-3 align-top sm:table-row sm:p-0"
          >
            <td className="w-full min-w-0 sm:w-auto sm:px-5 sm:py-3">
              <p className="font-medium break-words">
                {member.name}
                {member.userId === currentUserId && <span className="muted ml-1.5 text-xs font-normal">(you)</span>}
              </p>
              <p className="muted text-xs break-words">{member.email}</p>
              <p className="muted text-xs sm:hidden">
                since <RelativeTime date={member.since} />
              </p>
            </td>
            <td className="min-w-0 flex-1 sm:px-3 sm:py-3">
              {roleControl ? roleControl(member) : <RoleBadge role={member.role} />}
            </td>
            <td className="muted hidden px-3 py-3 whitespace-nowrap sm:table-cell">
              <RelativeTime date={member.since} />
            </td>
            {rowActions && <td className="text-right sm:px-5 sm:py-3">{rowActions(member)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

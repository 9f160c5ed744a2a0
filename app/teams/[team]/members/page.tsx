import type { Metadata } from "next";
import { AddMemberForm } from "@/components/members/add-member-form";
import { MemberRoleControl } from "@/components/members/member-role-control";
import { MembersTable, type MemberRowData } from "@/components/members/members-table";
import { RemoveMemberButton } from "@/components/members/remove-member-button";
import { RoleBadge } from "@/components/members/role-badge";
import { RolesLegend } from "@/components/members/roles-legend";
import { roleAtLeast } from "@/lib/domain/roles";
import { listTeamMembers } from "@/lib/members/list-team-members";
import { ROLE_DESCRIPTIONS } from "@/lib/members/role-descriptions";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { addMemberAction, changeMemberRoleAction, removeMemberAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { actor, access } = await getPageTeamContext(`/teams/${team}/members`, team);
  const isAdmin = roleAtLeast(access.role, "admin");
  const { members, adminCount } = await listTeamMembers(access);
  const admins = members.filter((m) => m.role === "admin").map((m) => m.name);

  // Shown on the only admin's row; the server refuses the change anyway (lib/members).
  const lockedReason = (m: MemberRowData) =>
    m.role === "admin" && adminCount <= 1
      ? m.userId === actor.id
        ? "You are the only admin: make someone else admin before changing your role or leaving."
        : "The only admin: make someone else admin first."
      : null;

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="muted max-w-2xl text-sm">
          {members.length} member{members.length === 1 ? "" : "s"} of {access.teamName}, {adminCount} admin
          {adminCount === 1 ? "" : "s"}. A role change applies to the member&apos;s next click; every change is in the
          audit log.
        </p>
      </div>

      {isAdmin ? (
        <AddMemberForm teamSlug={team} teamName={access.teamName} submit={addMemberAction} />
      ) : (
        <section className="card p-5" aria-labelledby="your-role-heading" data-testid="your-role">
          <h2 id="your-role-heading" className="flex flex-wrap items-center gap-2 font-semibold">
            Your role: <RoleBadge role={access.role} />
          </h2>
          <p className="mt-1 text-sm">{ROLE_DESCRIPTIONS[access.role]}</p>
          <p className="muted mt-2 text-sm">
            Only admins add members or change roles{admins.length ? `; ask ${admins.join(" or ")}` : ""}.
          </p>
        </section>
      )}

      <section className="card overflow-hidden" aria-labelledby="members-heading">
        <h2 id="members-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
          People
        </h2>
        <MembersTable
          members={members}
          currentUserId={actor.id}
          roleControl={
            isAdmin
              ? (m) => (
                  <MemberRoleControl
                    teamSlug={team}
                    membershipId={m.membershipId}
                    memberName={m.name}
                    role={m.role}
                    isSelf={m.userId === actor.id}
                    pendingRequests={m.pendingRequests}
                    lockedReason={lockedReason(m)}
                    change={changeMemberRoleAction}
                  />
                )
              : undefined
          }
          rowActions={
            isAdmin
              ? (m) => (
                  <RemoveMemberButton
                    teamSlug={team}
                    teamName={access.teamName}
                    membershipId={m.membershipId}
                    memberName={m.name}
                    isSelf={m.userId === actor.id}
                    ownedReleases={m.ownedReleases}
                    pendingRequests={m.pendingRequests}
                    lockedReason={lockedReason(m)}
                    remove={removeMemberAction}
                  />
                )
              : undefined
          }
        />
      </section>

      <RolesLegend current={access.role} />
    </div>
  );
}

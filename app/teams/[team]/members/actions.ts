"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { addMember, type AddMemberInput } from "@/lib/members/add-member";
import { changeMemberRole, type ChangeMemberRoleInput } from "@/lib/members/change-member-role";
import { removeMember, type RemoveMemberInput } from "@/lib/members/remove-member";

// Inputs are validated (and the admin role checked) by the use cases; these are public
// endpoints, so nothing here trusts that the page only showed the controls to admins.

export async function addMemberAction(input: AddMemberInput) {
  return runAction(async (actor) => {
    const added = await addMember(actor, input);
    return { name: added.name, email: added.email, role: added.role, createdUser: added.createdUser };
  });
}

export async function changeMemberRoleAction(input: ChangeMemberRoleInput) {
  return runAction(async (actor) => {
    const changed = await changeMemberRole(actor, input);
    return {
      membershipId: changed.membershipId,
      before: changed.before,
      role: changed.role,
      self: actor.id === changed.userId,
    };
  });
}

export async function removeMemberAction(input: RemoveMemberInput) {
  return runAction(async (actor) => {
    const removed = await removeMember(actor, input);
    return { membershipId: removed.membershipId, name: removed.name, self: removed.self };
  });
}

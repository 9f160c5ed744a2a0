import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ValidationError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { authoriseMemberChange } from "./authorise-member-change";
import { memberEmailSchema, memberNameSchema, roleSchema } from "./member-schemas";
import { nameFromEmail } from "./name-from-email";

export const addMemberSchema = z.object({
  teamSlug: teamSlugSchema,
  email: memberEmailSchema,
  name: memberNameSchema.optional(),
  role: roleSchema,
});
export type AddMemberInput = z.input<typeof addMemberSchema>;

/**
 * Admins only. Someone who never signed in gets a user row (email lowercased, the name given
 * or one made from the email); their first sign-in with that email links to it
 * (lib/auth/link-oidc-user.ts), so they arrive as a member. An existing user keeps their name.
 */
export async function addMember(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(addMemberSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await authoriseMemberChange(tx, actor, input.teamSlug);
    const existing = await tx.user.findUnique({
      where: { email: input.email },
      include: { memberships: { where: { teamId: access.teamId } } },
    });
    const current = existing?.memberships[0];
    if (current)
      throw ValidationError.field("email", `${existing.name} (${input.email}) is already a member, as ${current.role}`);
    // upsert, not create: another team may be adding the same new person at this moment.
    const user =
      existing ??
      (await tx.user.upsert({
        where: { email: input.email },
        create: { email: input.email, name: input.name || nameFromEmail(input.email) },
        update: {},
      }));
    const membership = await tx.membership.create({
      data: { teamId: access.teamId, userId: user.id, role: input.role },
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "member.added",
      summary: `Added ${user.name} (${user.email}) as ${input.role}`,
      after: { name: user.name, email: user.email, role: input.role },
    });
    return {
      membershipId: membership.id,
      userId: user.id,
      name: user.name,
      email: user.email,
      role: input.role,
      createdUser: !existing,
    };
  });
}

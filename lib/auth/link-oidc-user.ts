import "server-only";
import { getDb } from "@/lib/db/client";

/**
 * Finds or creates the user for an identity-provider subject. A first sign-in with an email
 * already known (e.g. invited or seeded) is linked to that user.
 */
export async function linkOidcUser(identity: { subject: string; email: string; name: string }) {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const account = await tx.account.findUnique({
      where: { provider_providerAccountId: { provider: "oidc", providerAccountId: identity.subject } },
      include: { user: true },
    });
    if (account) return account.user;
    const user =
      (await tx.user.findUnique({ where: { email: identity.email.toLowerCase() } })) ??
      (await tx.user.create({ data: { email: identity.email.toLowerCase(), name: identity.name } }));
    await tx.account.create({ data: { userId: user.id, provider: "oidc", providerAccountId: identity.subject } });
    return user;
  });
}

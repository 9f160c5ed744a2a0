import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { readDb } from "@/lib/db/transaction";
import { devLoginEnabled, oidcConfig } from "./auth-config";
import { linkOidcUser } from "./link-oidc-user";

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  const oidc = oidcConfig();
  if (oidc) {
    list.push({
      id: "oidc",
      name: oidc.name,
      type: "oauth",
      wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      // next-auth reads the profile from the verified ID token: the provider must include the
      // email (and ideally name) claims there, as hosted providers do for these scopes.
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return {
          id: profile.sub,
          email: profile.email,
          name: profile.name ?? profile.preferred_username ?? profile.email,
        };
      },
    });
  }
  list.push(
    CredentialsProvider({
      id: "dev",
      name: "Development sign-in",
      credentials: { userId: { label: "User", type: "text" } },
      async authorize(credentials) {
        // Checked on every attempt, not only when the page is drawn: the endpoint is public.
        if (!devLoginEnabled() || !credentials?.userId) return null;
        const user = await readDb().user.findUnique({ where: { id: credentials.userId } });
        return user ? { id: user.id, name: user.name, email: user.email } : null;
      },
    }),
  );
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    providers: providers(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    secret: process.env.NEXTAUTH_SECRET,
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return "/signin?error=NoEmail";
        const linked = await linkOidcUser({
          subject: account.providerAccountId,
          email: user.email,
          name: user.name ?? user.email,
        });
        user.id = linked.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.name = user.name;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") {
          (session.user as { id?: string }).id = token.uid;
        }
        return session;
      },
    },
  };
}

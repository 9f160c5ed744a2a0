import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { routeHandler } from "@/lib/http/route-handler";

// Options are built per request so environment changes (OIDC on/off) need no rebuild.
const handler = routeHandler<{ nextauth: string[] }>((req, ctx) => NextAuth(authOptions())(req, ctx));

export { handler as GET, handler as POST };

import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// Options are built per request so environment changes (OIDC on/off) need no rebuild.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };

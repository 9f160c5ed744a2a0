import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// A cheap first gate for pages: no session cookie → sign-in. Every page, server action and
// route handler still resolves and authorises the session itself.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!signin|api/|ofrep/|embed/|_next/|favicon\\.ico|robots\\.txt).*)"],
};

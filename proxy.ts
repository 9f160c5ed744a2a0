import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isDecodablePath } from "@/lib/http/decode-path-segment";
import { malformedPathResponse } from "@/lib/http/malformed-path-response";

const PAGE = /^\/(?!signin|api\/|ofrep\/|embed\/|_next\/|favicon\.ico|robots\.txt)/;

/**
 * A cheap first gate for pages: no session cookie → sign-in. Every page, server action and
 * route handler still resolves and authorises the session itself.
 * Before that, any path whose segments don't decode is answered here: Next.js would answer it
 * with a plain 500 before a route handler could.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!isDecodablePath(pathname)) return malformedPathResponse(pathname);
  // API, OFREP and embed paths only come here when they carry a '%' (see the matcher).
  if (!PAGE.test(pathname)) return NextResponse.next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages, and the machine routes only when their path is percent-encoded, so the hot OFREP
  // and ingest paths never pay for the proxy (nor have their bodies buffered for it).
  matcher: ["/((?!signin|api/|ofrep/|embed/|_next/|favicon\\.ico|robots\\.txt).*)", "/((?:api|ofrep|embed|signin)/.*%.*)"],
};

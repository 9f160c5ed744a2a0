import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { dashboardCsp, newNonce } from "@/lib/http/dashboard-csp";
import { isDecodablePath } from "@/lib/http/decode-path-segment";
import { malformedPathResponse } from "@/lib/http/malformed-path-response";
import { rememberEnvironment } from "@/lib/http/remembered-environment";

// Dashboard pages, sign-in included; API, OFREP and embed paths only come here when malformed.
const PAGE = /^\/(?!api\/|ofrep\/|embed\/|_next\/|favicon\.ico|robots\.txt)/;

/**
 * First, any path whose segments don't decode is answered here: Next.js would answer it with a
 * plain 500 before a route handler could. Then every page gets a fresh script nonce: Next.js
 * reads it from the request's Content-Security-Policy and puts it on the scripts it renders;
 * the browser gets the same policy. Then a cheap first gate: no session cookie → sign-in. Last,
 * a team page asked for with ?env= remembers that environment (lib/http/remembered-environment.ts).
 * Every page, server action and route handler still resolves and authorises the session itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!isDecodablePath(pathname)) return malformedPathResponse(pathname);
  if (!PAGE.test(pathname)) return NextResponse.next();

  const nonce = newNonce();
  const csp = dashboardCsp(nonce, { development: process.env.NODE_ENV === "development" });
  const withPolicy = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };
  if (pathname !== "/signin" && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    return withPolicy(NextResponse.redirect(url));
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withPolicy(rememberEnvironment(request, NextResponse.next({ request: { headers } })));
}

// A machine path comes here only when it holds an escape no key, slug, id or token needs: a
// '%' not followed by two hex digits, a control character (%00–%1F, %7F) or a byte above
// ASCII (%80–%FF, undecodable unless it is well-formed UTF-8). Next.js reads the whole body
// of every request it runs the proxy for (buffering up to proxyClientMaxBodySize), so the
// OFREP, ingest and REST routes must not pass through here for anything legitimate.
// (The matcher must be literal strings: Next.js reads it from the source at build time.)
export const config = {
  matcher: [
    "/((?!api/|ofrep/|embed/|_next/|favicon\\.ico|robots\\.txt).*)",
    "/((?:api|ofrep|embed)/.*%(?:[^0-9A-Fa-f]|.[^0-9A-Fa-f]|[01][0-9A-Fa-f]|7[Ff]|[89A-Fa-f][0-9A-Fa-f]).*)",
    // A '%' with fewer than two characters after it, at the end of the path.
    "/((?:api|ofrep|embed)/.*%.?)",
  ],
};

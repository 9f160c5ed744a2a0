import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { dashboardCsp, newNonce } from "@/lib/http/dashboard-csp";

// Every page gets a fresh script nonce: Next.js reads it from the request's
// Content-Security-Policy and puts it on the scripts it renders; the browser gets the same
// policy. Then a cheap first gate: no session cookie → sign-in. Every page, server action and
// route handler still resolves and authorises the session itself.
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = dashboardCsp(nonce, { development: process.env.NODE_ENV === "development" });
  const withPolicy = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };

  if (request.nextUrl.pathname !== "/signin" && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    return withPolicy(NextResponse.redirect(url));
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withPolicy(NextResponse.next({ request: { headers } }));
}

export const config = {
  matcher: ["/((?!api/|ofrep/|embed/|_next/|favicon\\.ico|robots\\.txt).*)"],
};
